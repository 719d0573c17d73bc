using System.Text.Json;

namespace Tapko.Data.WebApi.Tests;

internal static class JsonElementExtensions
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a response body the way a .NET client of the API would, into the library's own types.</summary>
    public static T As<T>(this JsonElement element) => element.Deserialize<T>(Web)!;
}
