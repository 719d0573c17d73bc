namespace Tapko.Data;

/// <summary>How many of a project's feedback items are in each status.</summary>
/// <param name="Open">Items in <see cref="FeedbackStatus.Open"/>.</param>
/// <param name="InProgress">Items in <see cref="FeedbackStatus.InProgress"/>.</param>
/// <param name="Resolved">Items in <see cref="FeedbackStatus.Resolved"/>.</param>
public sealed record FeedbackStatusCounts(long Open, long InProgress, long Resolved)
{
    /// <summary>All of the project's feedback.</summary>
    public long Total => Open + InProgress + Resolved;

    /// <summary>The count of one status.</summary>
    /// <param name="status">The status.</param>
    public long this[FeedbackStatus status] => status switch
    {
        FeedbackStatus.Open => Open,
        FeedbackStatus.InProgress => InProgress,
        FeedbackStatus.Resolved => Resolved,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a feedback status."),
    };
}
