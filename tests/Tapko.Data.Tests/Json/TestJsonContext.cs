using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data.Tests.Json;

/// <summary>
/// A source-generated context as a Native AOT service declares one: it must pick up the converters the library
/// attaches to its types without being told about them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Feedback))]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(Page<Feedback>))]
[JsonSerializable(typeof(Dictionary<FeedbackStatus, int>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
