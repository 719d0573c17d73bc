using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// The JSON of DynamoDB stream records, in the two places it appears: the event AWS Lambda hands a function
/// (<c>{"Records":[...]}</c>) and the Streams API's <c>GetRecords</c> answer (<c>{"Records":[...],"NextShardIterator":...}</c>).
/// Property names are matched case-insensitively because the two spell a few of them differently.
/// </summary>
internal sealed class StreamRecordsJson
{
    public List<StreamRecordJson>? Records { get; set; }

    public string? NextShardIterator { get; set; }
}

/// <summary>One record: <c>eventID</c>, <c>eventName</c>, <c>dynamodb</c>, <c>userIdentity</c>, and more this library ignores.</summary>
internal sealed class StreamRecordJson
{
    [JsonPropertyName("eventID")]
    public string? EventId { get; set; }

    public string? EventName { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }

    public StreamDataJson? Dynamodb { get; set; }

    public UserIdentityJson? UserIdentity { get; set; }

    /// <summary>The record in the library's terms.</summary>
    public ChangeRecord ToChange()
    {
        var data = Dynamodb ?? throw new JsonException("A stream record has no 'dynamodb' part.");
        var old = ToItem(data.OldImage);
        var @new = ToItem(data.NewImage);
        var (kind, byTtl) = ChangeRecord.Classify(EventName, UserIdentity?.Type, UserIdentity?.PrincipalId, old is not null, @new is not null);
        var at = data.ApproximateCreationDateTime is { } seconds
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.UnixEpoch;
        return new ChangeRecord(
            EventId ?? throw new JsonException("A stream record has no 'eventID'."),
            kind,
            byTtl,
            data.SequenceNumber ?? throw new JsonException("A stream record has no sequence number."),
            at,
            old,
            @new);
    }

    private static Dictionary<string, AttributeValue>? ToItem(Dictionary<string, JsonElement>? image) =>
        image is null ? null : image.ToDictionary(p => p.Key, p => DynamoJson.ToAttributeValue(p.Value), StringComparer.Ordinal);
}

/// <summary>The record's <c>dynamodb</c> part.</summary>
internal sealed class StreamDataJson
{
    /// <summary>Epoch seconds (AWS rounds to the second, DynamoDB Local to the minute).</summary>
    public double? ApproximateCreationDateTime { get; set; }

    public Dictionary<string, JsonElement>? Keys { get; set; }

    public Dictionary<string, JsonElement>? NewImage { get; set; }

    public Dictionary<string, JsonElement>? OldImage { get; set; }

    public string? SequenceNumber { get; set; }

    public long? SizeBytes { get; set; }

    public string? StreamViewType { get; set; }
}

/// <summary>Who made the change: present on AWS for DynamoDB's own TTL removals.</summary>
internal sealed class UserIdentityJson
{
    public string? Type { get; set; }

    public string? PrincipalId { get; set; }
}

/// <summary>DynamoDB's JSON form of attribute values (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>, <c>{"M":{...}}</c>, ...).</summary>
internal static class DynamoJson
{
    public static AttributeValue ToAttributeValue(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "S": return new AttributeValue { S = v.GetString() };
                case "N": return new AttributeValue { N = v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() };
                case "BOOL": return new AttributeValue { BOOL = v.GetBoolean() };
                case "NULL": return new AttributeValue { NULL = v.GetBoolean() };
                case "B": return new AttributeValue { B = new MemoryStream(v.GetBytesFromBase64()) };
                case "SS": return new AttributeValue { SS = [.. v.EnumerateArray().Select(e => e.GetString()!)] };
                case "NS": return new AttributeValue { NS = [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetRawText()
                    : e.GetString()!)] };
                case "BS": return new AttributeValue { BS = [.. v.EnumerateArray().Select(e => new MemoryStream(e.GetBytesFromBase64()))] };
                case "L": return new AttributeValue { L = [.. v.EnumerateArray().Select(ToAttributeValue)] };
                case "M": return new AttributeValue { M = v.EnumerateObject().ToDictionary(p => p.Name, p => ToAttributeValue(p.Value),
                    StringComparer.Ordinal) };
            }
        }

        // DynamoDB Local 3.3.1 writes an empty map as {} instead of {"M":{}} in stream records (measured).
        if (value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any())
        {
            return new AttributeValue { M = [] };
        }

        throw new JsonException($"Not a DynamoDB attribute value: {value.GetRawText()[..Math.Min(80, value.GetRawText().Length)]}");
    }

    /// <summary>Writes <paramref name="value"/> in the same form (for dead letters and tests).</summary>
    public static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case { S: { } s }:
                writer.WriteString("S", s);
                break;
            case { N: { } n }:
                writer.WriteString("N", n);
                break;
            case { BOOL: { } b }:
                writer.WriteBoolean("BOOL", b);
                break;
            case { NULL: true }:
                writer.WriteBoolean("NULL", true);
                break;
            case { B: { } bytes }:
                writer.WriteBase64String("B", bytes.ToArray());
                break;
            case { SS.Count: > 0 }:
                WriteArray(writer, "SS", value.SS, (w, s) => w.WriteStringValue(s));
                break;
            case { NS.Count: > 0 }:
                WriteArray(writer, "NS", value.NS, (w, s) => w.WriteStringValue(s));
                break;
            case { BS.Count: > 0 }:
                WriteArray(writer, "BS", value.BS, (w, s) => w.WriteBase64StringValue(s.ToArray()));
                break;
            case { L: { } list }:
                WriteArray(writer, "L", list, Write);
                break;
            default:
                writer.WritePropertyName("M");
                WriteItem(writer, value.M ?? []);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>An item in the same form.</summary>
    public static void WriteItem(Utf8JsonWriter writer, Dictionary<string, AttributeValue> item)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in item)
        {
            writer.WritePropertyName(name);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>A number attribute's text as a <see cref="long"/>, or <see langword="null"/>.</summary>
    public static long? Long(AttributeValue? value) =>
        value?.N is { } n && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, IEnumerable<T> values, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            write(writer, value);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Source-generated (de)serialization of the stream JSON: no reflection, so trimmed and Native AOT hosts work.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StreamRecordsJson))]
[JsonSerializable(typeof(string))]
internal sealed partial class StreamJsonContext : JsonSerializerContext;
