using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Writes a <see cref="ProjectId"/> as its text (`Value`) in a JSON string and reads it back with <see cref="ProjectId.Parse"/>'s rules.
/// Attached to <see cref="ProjectId"/> with <see cref="JsonConverterAttribute"/>, so it applies with any
/// <see cref="JsonSerializerOptions"/> and in source-generated contexts; also used for dictionary keys.
/// </summary>
/// <remarks>An invalid id throws <see cref="JsonException"/> naming the broken rule; <c>default(ProjectId)</c> is written as <c>null</c>.</remarks>
public sealed class ProjectIdJsonConverter : JsonConverter<ProjectId>
{
    private const string Kind = "project id";

    /// <inheritdoc/>
    public override ProjectId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.Read<ProjectId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ProjectId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.Write(writer, value.ToString());
    }

    /// <inheritdoc/>
    public override ProjectId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdJson.ReadPropertyName<ProjectId>(ref reader, Kind);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, ProjectId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IdJson.WritePropertyName(writer, value.ToString(), nameof(ProjectId));
    }
}
