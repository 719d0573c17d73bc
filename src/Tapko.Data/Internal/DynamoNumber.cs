namespace Tapko.Data.Internal;

/// <summary>DynamoDB's number rules: at most 38 significant digits, magnitude between 1E-130 and 9.99E+125.</summary>
internal static class DynamoNumber
{
    public const int MaxSignificantDigits = 38;

    /// <summary>Returns the rule a JSON number breaks, or <see langword="null"/>.</summary>
    public static string? Validate(string json)
    {
        var (digits, exponent) = Decompose(json);
        if (digits.Length == 0)
        {
            return null; // zero
        }

        if (digits.Length > MaxSignificantDigits)
        {
            return $"has {digits.Length} significant digits; DynamoDB keeps at most {MaxSignificantDigits}";
        }

        // exponent is the power of ten of the leading digit.
        if (exponent > 125 || exponent < -130)
        {
            return "is outside DynamoDB's range of 1E-130 to 9.99E+125";
        }

        return null;
    }

    /// <summary>
    /// The bytes a number takes in an item. DynamoDB's "1 byte per two significant digits, plus 1" is approximate:
    /// digits are stored in base-100 pairs aligned on the decimal point (1.5 is the pairs 01 and 50) and a negative
    /// number takes one byte more. Measured against DynamoDB Local's capacity at the 1 KB boundaries; undercounting
    /// by a byte made the benchmarks' expected write units wrong for one item in a few hundred.
    /// </summary>
    public static int StorageBytes(string number)
    {
        var (digits, exponent) = Decompose(number);
        if (digits.Length == 0)
        {
            return 1;
        }

        // exponent is the power of ten of the first digit; a digit at power p sits in the base-100 pair floor(p / 2).
        var lastExponent = exponent - digits.Length + 1;
        var pairs = FloorHalf(exponent) - FloorHalf(lastExponent) + 1;
        return 1 + pairs + (number.StartsWith('-') ? 1 : 0);
    }

    /// <summary>The significant digits (no leading or trailing zeros) and the power of ten of the first one.</summary>
    public static (string Digits, int Exponent) Decompose(string json)
    {
        var text = json.TrimStart('-');
        var e = text.IndexOfAny(['e', 'E']);
        long explicitExponent = 0;
        if (e >= 0)
        {
            explicitExponent = long.Parse(text[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? text[..dot] : text;
        var all = integerPart + (dot >= 0 ? text[(dot + 1)..] : string.Empty);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
        {
            return (string.Empty, 0);
        }

        var exponent = explicitExponent + integerPart.Length - 1 - leadingZeros;
        return (digits, (int)Math.Clamp(exponent, int.MinValue / 2, int.MaxValue / 2));
    }

    private static int FloorHalf(int value) => (int)Math.Floor(value / 2.0);
}
