using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Benchmarks.Stub;

/// <summary>Writes the response bodies the stub serves, in DynamoDB's JSON wire format.</summary>
public static class DynamoJson
{
    public static byte[] GetItem(Dictionary<string, AttributeValue> item, string table) =>
        Body(w =>
        {
            w.WritePropertyName("Item");
            Item(w, item);
            Capacity(w, table, read: 0.5);
        });

    public static byte[] Query(IReadOnlyList<Dictionary<string, AttributeValue>> items, Dictionary<string, AttributeValue>? lastKey, string table) =>
        Body(w =>
        {
            w.WriteNumber("Count", items.Count);
            w.WriteNumber("ScannedCount", items.Count);
            w.WriteStartArray("Items");
            foreach (var item in items)
            {
                Item(w, item);
            }

            w.WriteEndArray();
            if (lastKey is not null)
            {
                w.WritePropertyName("LastEvaluatedKey");
                Item(w, lastKey);
            }

            Capacity(w, table, read: 8);
        });

    public static byte[] Attributes(Dictionary<string, AttributeValue> item, string table) =>
        Body(w =>
        {
            w.WritePropertyName("Attributes");
            Item(w, item);
            Capacity(w, table, write: 2);
        });

    public static byte[] Written(string table) => Body(w => Capacity(w, table, write: 2));

    public static byte[] TransactWritten(string table) =>
        Body(w =>
        {
            w.WriteStartArray("ConsumedCapacity");
            w.WriteStartObject();
            w.WriteString("TableName", table);
            w.WriteNumber("CapacityUnits", 8);
            w.WriteNumber("WriteCapacityUnits", 8);
            w.WriteEndObject();
            w.WriteEndArray();
        });

    private static byte[] Body(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Capacity(Utf8JsonWriter w, string table, double read = 0, double write = 0)
    {
        w.WriteStartObject("ConsumedCapacity");
        w.WriteString("TableName", table);
        w.WriteNumber("CapacityUnits", read + write);
        if (read > 0)
        {
            w.WriteNumber("ReadCapacityUnits", read);
        }

        if (write > 0)
        {
            w.WriteNumber("WriteCapacityUnits", write);
        }

        w.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter w, Dictionary<string, AttributeValue> item)
    {
        w.WriteStartObject();
        foreach (var (name, value) in item)
        {
            w.WritePropertyName(name);
            Value(w, value);
        }

        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, AttributeValue value)
    {
        w.WriteStartObject();
        if (value.S is not null)
        {
            w.WriteString("S", value.S);
        }
        else if (value.N is not null)
        {
            w.WriteString("N", value.N);
        }
        else if (value.M is not null)
        {
            w.WritePropertyName("M");
            Item(w, value.M);
        }
        else if (value.L is not null)
        {
            w.WriteStartArray("L");
            foreach (var element in value.L)
            {
                Value(w, element);
            }

            w.WriteEndArray();
        }
        else if (value.NULL == true)
        {
            w.WriteBoolean("NULL", true);
        }
        else if (value.BOOL is { } b)
        {
            w.WriteBoolean("BOOL", b);
        }
        else
        {
            throw new NotSupportedException("The stub writes S, N, M, L, BOOL and NULL values only: " + Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value)));
        }

        w.WriteEndObject();
    }
}
