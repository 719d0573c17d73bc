using System.Text.Json;
using System.Text.Json.Serialization;
using Tapko.Data;

/// <summary>What an AOT service declares to return pages of feedback as JSON; the library's converters come with its types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<Feedback>))]
internal sealed partial class AppJson : JsonSerializerContext;
