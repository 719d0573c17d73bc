using System.Globalization;

namespace Tapko.Data.Schema;

/// <summary>
/// When feedback expires, as stored in <see cref="AttributeNames.Ttl"/> (epoch seconds). Expiry instants sit on a grid:
/// a resolved item expires at the first UTC midnight at least its retention after it was resolved, and the maximum age
/// takes effect at the first Monday 00:00 UTC at least that age after creation. The grid keeps the number of distinct
/// instants a project's counts must track small (<see cref="StreamedCounts"/>), so a count can leave out what has
/// expired the moment it expires, exactly as every read does, before DynamoDB gets round to removing it.
/// </summary>
internal static class Expiry
{
    /// <summary>The stored value of an expiry instant: DynamoDB's TTL wants epoch seconds.</summary>
    public static AttributeValue ToAttribute(DateTimeOffset instant) =>
        new() { N = instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };

    /// <summary>The expiry instant of <paramref name="item"/>, or <see langword="null"/> when it never expires.</summary>
    public static DateTimeOffset? Of(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue(AttributeNames.Ttl, out var value) && value.N is { } n
        && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Whether <paramref name="item"/> has expired at <paramref name="now"/>: then no read may return it.</summary>
    public static bool HasExpired(Dictionary<string, AttributeValue>? item, DateTimeOffset now) => Of(item) is { } at && at <= now;

    /// <summary>
    /// Where a resolved item expires: the first UTC midnight at least <paramref name="retentionDays"/> days after
    /// <paramref name="resolvedAt"/>, unless its maximum age comes first.
    /// </summary>
    public static DateTimeOffset Resolved(DateTimeOffset resolvedAt, int retentionDays) =>
        NearTheEnd(resolvedAt, retentionDays) ? DateTimeOffset.MaxValue : NextMidnight(resolvedAt.AddDays(retentionDays));

    /// <summary>Where the maximum age of <paramref name="maxAgeDays"/> days ends for an item created at <paramref name="createdAt"/>.</summary>
    public static DateTimeOffset MaxAge(DateTimeOffset createdAt, int maxAgeDays)
    {
        if (NearTheEnd(createdAt, maxAgeDays))
        {
            return DateTimeOffset.MaxValue;
        }

        var midnight = NextMidnight(createdAt.AddDays(maxAgeDays));
        var toMonday = ((int)DayOfWeek.Monday - (int)midnight.DayOfWeek + 7) % 7;
        return midnight.AddDays(toMonday);
    }

    /// <summary>
    /// The expiry instant of an item of <paramref name="status"/> under <paramref name="retention"/>: the earlier of its
    /// maximum age and, once resolved, its resolved retention counted from <paramref name="now"/>; <see langword="null"/>
    /// when neither applies.
    /// </summary>
    public static DateTimeOffset? For(FeedbackRetention? retention, FeedbackStatus status, DateTimeOffset createdAt, DateTimeOffset now)
    {
        DateTimeOffset? byAge = retention?.MaxAgeDays is { } age ? MaxAge(createdAt, age) : null;
        DateTimeOffset? byResolution = status == FeedbackStatus.Resolved && retention?.ResolvedRetentionDays is { } days ? Resolved(now, days) : null;
        return byAge is { } a && byResolution is { } r ? (a < r ? a : r) : byAge ?? byResolution;
    }

    /// <summary>Whether the grid point after <paramref name="days"/> days (and up to a week more) lies past the calendar's end: an id may be dated
    /// 9999-12-31.</summary>
    private static bool NearTheEnd(DateTimeOffset time, int days) => time.UtcDateTime > DateTime.MaxValue.AddDays(-(days + 8));

    private static DateTimeOffset NextMidnight(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var midnight = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return midnight == utc ? midnight : midnight.AddDays(1);
    }
}
