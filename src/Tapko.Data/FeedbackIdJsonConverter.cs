using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Writes a <see cref="FeedbackId"/> as its 26-character ULID in a JSON string and reads it back with <see cref="FeedbackId.Parse"/>'s rules.
/// Attached to <see cref="FeedbackId"/> with <see cref="JsonConverterAttribute"/>, so it applies with any
/// <see cref="JsonSerializerOptions"/> and in source-generated contexts; also used for dictionary keys.
/// </summary>
/// <remarks>An invalid id throws <see cref="JsonException"/> naming the broken rule; <c>default(FeedbackId)</c> is written as <c>null</c>.</remarks>
public sealed class FeedbackIdJsonConverter : JsonConverter<FeedbackId>
{
    private const string Kind = "feedback id";

    /// <inheritdoc/>
    public override FeedbackId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.Read<FeedbackId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FeedbackId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.Write(writer, value.ToString());
    }

    /// <inheritdoc/>
    public override FeedbackId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.ReadPropertyName<FeedbackId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, FeedbackId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.WritePropertyName(writer, value.ToString(), nameof(FeedbackId));
    }
}
