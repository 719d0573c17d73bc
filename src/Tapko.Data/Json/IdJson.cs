using System.Text.Json;

namespace Tapko.Data.Json;

/// <summary>
/// The one JSON shape of every id: its text form as a JSON string, parsed with the id's own rules, so JSON can never
/// carry an id a store call would refuse.
/// </summary>
internal static class IdJson
{
    public static T Read<T>(ref Utf8JsonReader reader, string kind)
        where T : struct, IParsable<T>
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{kind} must be a JSON string (was {reader.TokenType}).");
        }

        return Parse<T>(reader.GetString()!, kind);
    }

    public static T ReadPropertyName<T>(ref Utf8JsonReader reader, string kind)
        where T : struct, IParsable<T> =>
        Parse<T>(reader.GetString()!, kind);

    public static void Write(Utf8JsonWriter writer, string text)
    {
        // Only default(T) has no text; it is not an id, so it is written as "no id" rather than as an empty one.
        if (text.Length == 0)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    public static void WritePropertyName(Utf8JsonWriter writer, string text, string kind)
    {
        if (text.Length == 0)
        {
            throw new JsonException($"default({kind}) is not an id and cannot be a property name.");
        }

        writer.WritePropertyName(text);
    }

    private static T Parse<T>(string text, string kind)
        where T : struct, IParsable<T>
    {
        try
        {
            return T.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (ArgumentException e)
        {
            // The parser's message names the broken rule; the parameter suffix would only confuse a JSON client.
            throw new JsonException($"Invalid {kind}: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }
}
