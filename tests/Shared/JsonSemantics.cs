using System.Globalization;
using System.Text.Json;

namespace Tapko.Data.TestSupport;

/// <summary>
/// JSON equality by meaning: object members in any order, numbers by value (DynamoDB normalises their text, so
/// <c>1.50</c> reads back as <c>1.5</c>), everything else exactly.
/// </summary>
public static class JsonSemantics
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                return left.Count == right.Count
                    && left.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == left.Count
                    && left.All(p => right.TryGetValue(p.Name, out var other) && AreEqual(p.Value, other));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength()
                    && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => AreEqual(p.First, p.Second));
            case JsonValueKind.Number:
                return NumbersEqual(a.GetRawText(), b.GetRawText());
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            default:
                return true; // true, false, null: the kind is the value
        }
    }

    /// <summary>
    /// Whether two feedback objects are the same: every member equal, the payload by meaning. (A <see cref="JsonElement"/>
    /// has reference equality, so record equality fails for payloads read back separately.)
    /// </summary>
    public static bool SameFeedback(Feedback actual, Feedback expected) =>
        actual with { Payload = null } == expected with { Payload = null }
        && actual.Payload.HasValue == expected.Payload.HasValue
        && (!actual.Payload.HasValue || AreEqual(actual.Payload!.Value, expected.Payload!.Value));

    /// <summary>Compares two JSON number texts exactly, by sign, significant digits and exponent.</summary>
    public static bool NumbersEqual(string a, string b) => Normalise(a) == Normalise(b);

    private static (bool Negative, string Digits, System.Numerics.BigInteger Exponent) Normalise(string number)
    {
        var negative = number.StartsWith('-');
        var text = number.TrimStart('-', '+');
        System.Numerics.BigInteger exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            // Arbitrary precision: zero may carry an exponent far past a long ("0e99999999999999999999").
            exponent = System.Numerics.BigInteger.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }

        var digits = text.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return trimmed.Length == 0 ? (false, "0", 0) : (negative, trimmed, exponent);
    }
}
