namespace Tapko.Data.Items;

/// <summary>DynamoDB's number rules: at most 38 significant digits, magnitude between 1E-130 and 9.99E+125.</summary>
internal static class DynamoNumber
{
    public const int MaxSignificantDigits = 38;

    /// <summary>Exponents from -20 to 19 are written out in full; beyond, scientific notation keeps the text short.</summary>
    private const int PlainLimit = 20;

    /// <summary>Far beyond DynamoDB's range (10^125) and far from overflowing a long when digits are added to it.</summary>
    private const long SaturatedExponent = 1_000_000_000;

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

    /// <summary>
    /// The one text DynamoDB-valid <paramref name="json"/> is sent as, whatever its spelling: <c>1.50</c>, <c>1.5e0</c>
    /// and <c>15E-1</c> all become <c>1.5</c>. A retried submission is then byte-identical to its first attempt, which
    /// DynamoDB's client request token requires. Plain decimal notation while it stays short, scientific beyond.
    /// </summary>
    /// <param name="json">A JSON number that <see cref="Validate"/> accepted.</param>
    public static string Canonical(string json)
    {
        var (digits, exponent) = Decompose(json);
        if (digits.Length == 0)
        {
            return "0";
        }

        var sign = json.StartsWith('-') ? "-" : string.Empty;
        var pointAfter = exponent + 1; // digits before the decimal point
        if (exponent is >= -PlainLimit and < PlainLimit)
        {
            if (pointAfter <= 0)
            {
                return sign + "0." + new string('0', -pointAfter) + digits;
            }

            return pointAfter >= digits.Length
                ? sign + digits + new string('0', pointAfter - digits.Length)
                : sign + digits[..pointAfter] + "." + digits[pointAfter..];
        }

        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + "E" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The significant digits (no leading or trailing zeros) and the power of ten of the first one.</summary>
    /// <remarks>
    /// An explicit exponent too large for any number DynamoDB stores is clamped rather than parsed, so the caller's
    /// range check refuses it instead of an <see cref="OverflowException"/> escaping (<c>1e99999999999999999999</c>).
    /// </remarks>
    public static (string Digits, int Exponent) Decompose(string json)
    {
        var text = json.TrimStart('-');
        var e = text.IndexOfAny(['e', 'E']);
        long explicitExponent = 0;
        if (e >= 0)
        {
            explicitExponent = ParseExponent(text.AsSpan(e + 1));
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

    /// <summary>Parses a JSON exponent (optional sign, digits), saturating at a magnitude no stored number can reach.</summary>
    private static long ParseExponent(ReadOnlySpan<char> text)
    {
        var negative = text.Length > 0 && text[0] == '-';
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        long value = 0;
        foreach (var c in digits)
        {
            value = Math.Min(SaturatedExponent, (value * 10) + (c - '0'));
        }

        return negative ? -value : value;
    }

    private static int FloorHalf(int value) => (int)Math.Floor(value / 2.0);
}
