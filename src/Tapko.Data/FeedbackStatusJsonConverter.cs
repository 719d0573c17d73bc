using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Writes a <see cref="FeedbackStatus"/> as its wire name (<c>open</c>, <c>in-progress</c>, <c>resolved</c>) and reads
/// only those names back. Attached to <see cref="FeedbackStatus"/> with <see cref="JsonConverterAttribute"/>, so it
/// applies with any <see cref="JsonSerializerOptions"/> and in source-generated contexts; also used for dictionary keys.
/// </summary>
/// <remarks>
/// A converter listed in <see cref="JsonSerializerOptions.Converters"/> wins over this attribute. A host-wide
/// <see cref="JsonStringEnumConverter"/> still writes the wire names on .NET 9 and later, where the enum's members
/// carry <c>JsonStringEnumMemberName</c>; on .NET 8 it would write the member names instead.
/// </remarks>
public sealed class FeedbackStatusJsonConverter : JsonConverter<FeedbackStatus>
{
    /// <inheritdoc/>
    public override FeedbackStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A feedback status must be a JSON string: open, in-progress or resolved (was {reader.TokenType}).");
        }

        return Parse(reader.GetString());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FeedbackStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(WireName(value));
    }

    /// <inheritdoc/>
    public override FeedbackStatus ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, FeedbackStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(WireName(value));
    }

    private static FeedbackStatus Parse(string? wireName) =>
        FeedbackStatusNames.TryParse(wireName, out var status)
            ? status
            : throw new JsonException($"A feedback status must be open, in-progress or resolved (was '{wireName}').");

    private static string WireName(FeedbackStatus value) =>
        Enum.IsDefined(value)
            ? value.ToWireName()
            : throw new JsonException($"{(int)value} is not a defined feedback status.");
}
