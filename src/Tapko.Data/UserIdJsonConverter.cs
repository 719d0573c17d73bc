using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Writes a <see cref="UserId"/> as its text (`Value`) in a JSON string and reads it back with <see cref="UserId.Parse"/>'s rules.
/// Attached to <see cref="UserId"/> with <see cref="JsonConverterAttribute"/>, so it applies with any
/// <see cref="JsonSerializerOptions"/> and in source-generated contexts; also used for dictionary keys.
/// </summary>
/// <remarks>An invalid id throws <see cref="JsonException"/> naming the broken rule; <c>default(UserId)</c> is written as <c>null</c>.</remarks>
public sealed class UserIdJsonConverter : JsonConverter<UserId>
{
    private const string Kind = "user id";

    /// <inheritdoc/>
    public override UserId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.Read<UserId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, UserId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.Write(writer, value.ToString());
    }

    /// <inheritdoc/>
    public override UserId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.ReadPropertyName<UserId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, UserId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.WritePropertyName(writer, value.ToString(), nameof(UserId));
    }
}
