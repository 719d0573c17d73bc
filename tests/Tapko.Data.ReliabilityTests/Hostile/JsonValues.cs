using System.Text.Json;

namespace Tapko.Data.ReliabilityTests.Hostile;

/// <summary>JSON equality by value: objects by name, arrays in order, numbers by numeric value (DynamoDB may respell them).</summary>
public static class JsonValues
{
    public static bool SameValue(JsonElement a, JsonElement b)
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
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Name, out var other) && SameValue(p.Value, other));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameValue(p.First, p.Second));
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return Normal(a.GetRawText()) == Normal(b.GetRawText());
            default:
                return true;
        }
    }

    /// <summary>Sign, significant digits and the power of ten of the first digit; zero is one value whatever its sign.</summary>
    private static (bool Negative, string Digits, long Exponent) Normal(string number)
    {
        var negative = number.StartsWith('-');
        var text = number.TrimStart('-');
        long exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = long.Parse(text[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = dot >= 0 ? text[..dot] : text;
        var all = integer + (dot >= 0 ? text[(dot + 1)..] : string.Empty);
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return digits.Length == 0 ? (false, string.Empty, 0) : (negative, digits, exponent + integer.Length - 1 - leading);
    }
}
