using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Identifies one piece of feedback: a ULID minted by the library. Its 48-bit timestamp is the feedback's
/// creation time, which is what lets a status update rebuild the status index key without reading the item.
/// </summary>
/// <remarks>
/// The canonical text form is 26 upper-case Crockford base-32 characters. <see cref="Parse"/> accepts lower case
/// and normalises it, so one feedback never has two keys.
/// </remarks>
[JsonConverter(typeof(FeedbackIdJsonConverter))]
public readonly record struct FeedbackId : IParsable<FeedbackId>, IComparable<FeedbackId>
{
    /// <summary>The length of a ULID's text form.</summary>
    public const int Length = 26;

    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The leading characters of a ULID that encode its timestamp.</summary>
    private const int TimestampChars = 10;

    private static readonly long MaxTimestampMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly Ulid value;
    private readonly bool hasValue;

    private FeedbackId(Ulid value)
    {
        this.value = value;
        hasValue = true;
    }

    /// <summary>When the feedback was created, to the millisecond (UTC).</summary>
    public DateTimeOffset CreatedAt => value.Time;

    /// <summary>Mints an id stamped with the current time of <paramref name="timeProvider"/> (the system clock by default).</summary>
    /// <param name="timeProvider">The clock to stamp the id with.</param>
    public static FeedbackId New(TimeProvider? timeProvider = null) =>
        new(Ulid.NewUlid((timeProvider ?? TimeProvider.System).GetUtcNow()));

    /// <summary>Parses a ULID or throws <see cref="ArgumentException"/> naming the broken rule.</summary>
    /// <param name="value">The candidate id.</param>
    public static FeedbackId Parse(string value)
    {
        var broken = Validate(value);
        if (broken is not null)
        {
            throw new ArgumentException($"A feedback id {broken}.", nameof(value));
        }

        return new FeedbackId(Ulid.Parse(value.ToUpperInvariant(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Parses a ULID without throwing.</summary>
    /// <param name="value">The candidate id.</param>
    /// <param name="result">The id when the method returns <see langword="true"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? value, out FeedbackId result)
    {
        if (Validate(value) is not null)
        {
            result = default;
            return false;
        }

        result = new FeedbackId(Ulid.Parse(value!.ToUpperInvariant(), System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    static FeedbackId IParsable<FeedbackId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<FeedbackId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FeedbackId result) => TryParse(s, out result);

    /// <summary>The smallest id that can have been minted at <paramref name="time"/>; used for created-at range bounds.</summary>
    internal static FeedbackId MinAt(DateTimeOffset time) => new(Ulid.NewUlid(time, new byte[10]));

    /// <summary>The largest id that can have been minted at <paramref name="time"/>; used for created-at range bounds.</summary>
    internal static FeedbackId MaxAt(DateTimeOffset time) =>
        new(Ulid.NewUlid(time, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));

    /// <summary>Orders ids by creation time, then by their random part.</summary>
    /// <param name="other">The id to compare with.</param>
    public int CompareTo(FeedbackId other) => value.CompareTo(other.value);

    /// <summary>Whether <paramref name="left"/> was minted before <paramref name="right"/>.</summary>
    /// <param name="left">An id.</param>
    /// <param name="right">Another id.</param>
    public static bool operator <(FeedbackId left, FeedbackId right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> was minted no later than <paramref name="right"/>.</summary>
    /// <param name="left">An id.</param>
    /// <param name="right">Another id.</param>
    public static bool operator <=(FeedbackId left, FeedbackId right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> was minted after <paramref name="right"/>.</summary>
    /// <param name="left">An id.</param>
    /// <param name="right">Another id.</param>
    public static bool operator >(FeedbackId left, FeedbackId right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> was minted no earlier than <paramref name="right"/>.</summary>
    /// <param name="left">An id.</param>
    /// <param name="right">Another id.</param>
    public static bool operator >=(FeedbackId left, FeedbackId right) => left.CompareTo(right) >= 0;

    /// <summary>Returns the canonical 26-character upper-case ULID.</summary>
    public override string ToString() => hasValue ? value.ToString() : string.Empty;

    internal string Require(string paramName) =>
        hasValue ? value.ToString() : throw new ArgumentException(
            "A feedback id must be created with FeedbackId.New or FeedbackId.Parse; default(FeedbackId) is not an id.", paramName);

    internal bool HasValue => hasValue;

    private static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be null or empty";
        }

        if (value.Length != Length)
        {
            return $"must be a {Length}-character ULID (was {value.Length} characters)";
        }

        foreach (var c in value)
        {
            if (Crockford.IndexOf(char.ToUpperInvariant(c)) < 0)
            {
                return c == IdRules.Delimiter || char.IsControl(c)
                    ? $"must be a ULID; it contains the forbidden character U+{(int)c:X4}"
                    : $"must be a ULID in Crockford base-32; '{c}' is not one of its digits";
            }
        }

        // The first character carries only 3 bits of the 48-bit timestamp; anything above 7 overflows it.
        if (value[0] > '7')
        {
            return "must be a ULID; its first character must be 0-7";
        }

        // A 48-bit timestamp reaches the year 10889, but a creation time must be a DateTimeOffset.
        long milliseconds = 0;
        for (var i = 0; i < TimestampChars; i++)
        {
            milliseconds = (milliseconds * 32) + Crockford.IndexOf(char.ToUpperInvariant(value[i]));
        }

        if (milliseconds > MaxTimestampMilliseconds)
        {
            return "must be a ULID dated no later than 9999-12-31";
        }

        return null;
    }
}
