using System.Text.Json;

namespace Tapko.Data.Telemetry;

/// <summary>
/// A <see cref="ConsumedCapacity"/> as JSON, the form OpenTelemetry's DynamoDB conventions give
/// <c>aws.dynamodb.consumed_capacity</c>: one object per response. Written by hand so it needs no reflection (trimming).
/// </summary>
internal static class ConsumedCapacityJson
{
    public static string Of(ConsumedCapacity capacity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("TableName", capacity.TableName);
            WriteUnits(json, capacity.CapacityUnits, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits);
            if (capacity.Table is { } tablePart)
            {
                json.WriteStartObject("Table");
                WriteUnits(json, tablePart.CapacityUnits, tablePart.ReadCapacityUnits, tablePart.WriteCapacityUnits);
                json.WriteEndObject();
            }

            if (capacity.GlobalSecondaryIndexes is { Count: > 0 } indexes)
            {
                json.WriteStartObject("GlobalSecondaryIndexes");
                foreach (var (name, part) in indexes)
                {
                    json.WriteStartObject(name);
                    WriteUnits(json, part.CapacityUnits, part.ReadCapacityUnits, part.WriteCapacityUnits);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteUnits(Utf8JsonWriter json, double? total, double? read, double? write)
    {
        if (total is { } t)
        {
            json.WriteNumber("CapacityUnits", t);
        }

        if (read is { } r)
        {
            json.WriteNumber("ReadCapacityUnits", r);
        }

        if (write is { } w)
        {
            json.WriteNumber("WriteCapacityUnits", w);
        }
    }
}
