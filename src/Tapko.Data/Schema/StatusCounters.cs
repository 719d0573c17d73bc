namespace Tapko.Data.Schema;

/// <summary>
/// The project item's feedback counters, one number attribute per status. A missing counter is zero, so a project
/// needs none at creation; every change of a counter is an <c>ADD</c> in the same transaction as the change it counts.
/// </summary>
internal static class StatusCounters
{
    public static string AttributeOf(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => AttributeNames.OpenCount,
        FeedbackStatus.InProgress => AttributeNames.InProgressCount,
        FeedbackStatus.Resolved => AttributeNames.ResolvedCount,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a feedback status."),
    };

    /// <summary>Reads the counters of a project item (absent ones are zero).</summary>
    public static FeedbackStatusCounts Read(Dictionary<string, AttributeValue> projectItem) =>
        new(Of(projectItem, FeedbackStatus.Open), Of(projectItem, FeedbackStatus.InProgress), Of(projectItem, FeedbackStatus.Resolved));

    private static long Of(Dictionary<string, AttributeValue> item, FeedbackStatus status) =>
        item.TryGetValue(AttributeOf(status), out var value) && value.N is { } n
            ? long.Parse(n, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
