using System.Globalization;

namespace Tapko.Data.Schema;

/// <summary>
/// How <c>createdAt</c> and <c>updatedAt</c> are stored, in items and inside status-index keys: fixed-width UTC
/// ISO-8601 with milliseconds (<c>2026-11-24T15:43:45.123Z</c>), so string order is time order.
/// </summary>
internal static class Timestamps
{
    public const string Layout = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Formats a time the way the table stores it; any offset is converted to UTC.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Layout, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Layout, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
