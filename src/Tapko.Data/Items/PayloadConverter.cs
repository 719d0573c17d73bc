using System.Buffers;
using System.Text.Json;

namespace Tapko.Data.Items;

/// <summary>Converts a JSON object payload to a DynamoDB map and back.</summary>
/// <remarks>
/// A map rather than a JSON string so that operators can read and filter payload fields in the console and in
/// PartiQL. Numbers keep their value; DynamoDB may normalise their text (<c>1.50</c> reads back as <c>1.5</c>).
/// </remarks>
internal static class PayloadConverter
{
    /// <summary>DynamoDB allows 32 levels of nesting; the payload itself sits one level down inside the item.</summary>
    public const int MaxDepth = 30;

    public static AttributeValue ToAttributeValue(JsonElement payload, string paramName)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The payload must be a JSON object (was {payload.ValueKind}).", paramName);
        }

        return Convert(payload, 1, "$", paramName);
    }

    public static JsonElement FromAttributeValue(AttributeValue map)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, map);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static AttributeValue Convert(JsonElement element, int depth, string path, string paramName)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The payload is nested deeper than {MaxDepth} levels at {path}.", paramName);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException e)
                    {
                        // An escaped lone surrogate ("\ud800") in a name: System.Text.Json cannot even read it as a string.
                        throw new ArgumentException($"A payload property name at {path} is not valid UTF-16.", paramName, e);
                    }

                    if (name.Length == 0)
                    {
                        // DynamoDB refuses an empty map key ("Empty attribute name"); refuse it here, before any request.
                        throw new ArgumentException($"The payload has an empty property name at {path}; DynamoDB cannot store one.", paramName);
                    }

                    TextRules.ThrowIfMalformedUtf16(name, paramName, $"The payload property name at {path}");
                    if (!map.TryAdd(name, Convert(property.Value, depth + 1, path + "." + name, paramName)))
                    {
                        throw new ArgumentException($"The payload has the property '{name}' twice at {path}; it could not be read back as given.", paramName);
                    }
                }

                return new AttributeValue { M = map };

            case JsonValueKind.Array:
                var list = new List<AttributeValue>(element.GetArrayLength());
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item, depth + 1, $"{path}[{i++}]", paramName));
                }

                return new AttributeValue { L = list };

            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException e)
                {
                    throw new ArgumentException($"The payload string at {path} is not valid UTF-16.", paramName, e);
                }

                TextRules.ThrowIfMalformedUtf16(text, paramName, $"The payload string at {path}");
                return new AttributeValue { S = text };

            case JsonValueKind.Number:
                var number = element.GetRawText();
                var broken = DynamoNumber.Validate(number);
                if (broken is not null)
                {
                    throw new ArgumentException($"The payload number {Shorten(number)} at {path} {broken}.", paramName);
                }

                // Canonical text, so that 1.50 and 1.5 are one submission to DynamoDB's idempotency check as they are
                // one value to the library's own comparison.
                return new AttributeValue { N = DynamoNumber.Canonical(number) };

            case JsonValueKind.True:
            case JsonValueKind.False:
                return new AttributeValue { BOOL = element.ValueKind == JsonValueKind.True };

            case JsonValueKind.Null:
                return new AttributeValue { NULL = true };

            default:
                throw new ArgumentException($"The payload holds an unsupported JSON value at {path}.", paramName);
        }
    }

    private static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.M is not null)
        {
            writer.WriteStartObject();
            foreach (var (name, item) in value.M)
            {
                writer.WritePropertyName(name);
                Write(writer, item);
            }

            writer.WriteEndObject();
        }
        else if (value.L is not null)
        {
            writer.WriteStartArray();
            foreach (var item in value.L)
            {
                Write(writer, item);
            }

            writer.WriteEndArray();
        }
        else if (value.S is not null)
        {
            writer.WriteStringValue(value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteRawValue(value.N);
        }
        else if (value.BOOL is bool flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else if (value.SS is not null)
        {
            // Not written by this library, but an operator may have edited an item; keep it readable.
            writer.WriteStartArray();
            value.SS.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
        else if (value.NS is not null)
        {
            writer.WriteStartArray();
            value.NS.ForEach(n => writer.WriteRawValue(n));
            writer.WriteEndArray();
        }
        else if (value.B is not null)
        {
            writer.WriteBase64StringValue(value.B.ToArray());
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
