using System.Globalization;

namespace Tapko.Data.Schema;

/// <summary>
/// The counts the change feed keeps on a project's claim (<see cref="StatusCountsMode.Streamed"/>): one counter per
/// status (<see cref="StatusCounters"/>' names), the stream position applied last for each of the project's feedback
/// partitions (<see cref="A.FeedPositions"/>), when the last applied change happened (<see cref="A.CountedAt"/>), and
/// how many counted items of each status expire at each expiry instant (<see cref="A.Expiring"/>).
/// </summary>
/// <remarks>
/// The claim is the natural home: it exists exactly as long as the project's life (a deleted project leaves no counts,
/// a second life of the id starts from a fresh claim at zero), every update can be conditioned on its incarnation, and
/// it is read by the project id alone, so the counts cost one small GetItem whatever the project's shard count.
/// </remarks>
internal static class StreamedCounts
{
    /// <summary>Stream sequence numbers are 21 to 40 digits; padded to 40, string order is numeric order.</summary>
    public const int SequenceWidth = 40;

    /// <summary>The maps a new claim starts with, so the projector's updates can set entries in them.</summary>
    public static void Initialize(Dictionary<string, AttributeValue> claim)
    {
        claim[A.FeedPositions] = new() { M = [] };
        claim[A.Expiring] = new() { M = [] };
    }

    /// <summary>The key of feedback partition <paramref name="shard"/> in <see cref="A.FeedPositions"/>: its two-digit shard number.</summary>
    public static string PositionKey(int shard) => shard.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>A sequence number as stored: left-padded with zeros to <see cref="SequenceWidth"/> digits.</summary>
    public static string Position(string sequenceNumber) => sequenceNumber.PadLeft(SequenceWidth, '0');

    /// <summary>The key of the items of <paramref name="status"/> expiring at <paramref name="instant"/>: a letter and the UTC date.</summary>
    public static string ExpiringKey(FeedbackStatus status, DateTimeOffset instant) =>
        Letter(status) + instant.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The counts on <paramref name="claim"/> as every read sees the project at <paramref name="now"/>: what has expired
    /// is left out even while DynamoDB has not removed it yet (when it does, the projector counts the removal and drops
    /// it from <see cref="A.Expiring"/> too).
    /// </summary>
    public static FeedbackStatusCounts Read(Dictionary<string, AttributeValue> claim, DateTimeOffset now)
    {
        var counts = StatusCounters.Read(claim);
        long open = counts.Open, inProgress = counts.InProgress, resolved = counts.Resolved;
        foreach (var (key, value) in claim.GetValueOrDefault(A.Expiring)?.M ?? [])
        {
            if (!TryParseExpiring(key, out var status, out var instant) || instant > now || value.N is not { } n)
            {
                continue;
            }

            var expired = long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (status)
            {
                case FeedbackStatus.Open: open -= expired; break;
                case FeedbackStatus.InProgress: inProgress -= expired; break;
                default: resolved -= expired; break;
            }
        }

        return new FeedbackStatusCounts(open, inProgress, resolved) { LastChangeAt = CountedAt(claim) };
    }

    /// <summary>When the last change the projector applied to the claim happened, if any.</summary>
    public static DateTimeOffset? CountedAt(Dictionary<string, AttributeValue> claim) =>
        claim.GetValueOrDefault(A.CountedAt)?.S is { } at ? Timestamps.Parse(at) : null;

    /// <summary>Reads a key of <see cref="A.Expiring"/>; <see langword="false"/> for one this version did not write.</summary>
    public static bool TryParseExpiring(string key, out FeedbackStatus status, out DateTimeOffset instant)
    {
        status = default;
        instant = default;
        if (key.Length != 9 || !TryLetter(key[0], out status)
            || !DateTime.TryParseExact(key[1..], "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return false;
        }

        instant = new DateTimeOffset(date, TimeSpan.Zero);
        return true;
    }

    private static char Letter(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => 'o',
        FeedbackStatus.InProgress => 'i',
        _ => 'r',
    };

    private static bool TryLetter(char letter, out FeedbackStatus status)
    {
        status = letter switch { 'o' => FeedbackStatus.Open, 'i' => FeedbackStatus.InProgress, _ => FeedbackStatus.Resolved };
        return letter is 'o' or 'i' or 'r';
    }
}
