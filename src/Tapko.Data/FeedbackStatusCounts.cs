namespace Tapko.Data;

/// <summary>How many of a project's feedback items are in each status.</summary>
/// <param name="Open">Items in <see cref="FeedbackStatus.Open"/>.</param>
/// <param name="InProgress">Items in <see cref="FeedbackStatus.InProgress"/>.</param>
/// <param name="Resolved">Items in <see cref="FeedbackStatus.Resolved"/>.</param>
/// <remarks>
/// Two readings are equal when their numbers are: <see cref="AsOf"/> and <see cref="LastChangeAt"/> describe when the
/// numbers were true, not the numbers themselves.
/// </remarks>
public sealed record FeedbackStatusCounts(long Open, long InProgress, long Resolved)
{
    /// <summary>All of the project's feedback.</summary>
    public long Total => Open + InProgress + Resolved;

    /// <summary>
    /// The counts include every change made up to this time. With <see cref="StatusCountsMode.Maintained"/> and
    /// <see cref="StatusCountsMode.None"/> that is the moment of the read; with <see cref="StatusCountsMode.Streamed"/> it
    /// is as far as the change feed's projector had applied the table's changes when it last reported (a few seconds
    /// behind when it keeps up; a read refuses to answer when it is further behind than
    /// <see cref="TapkoStoreOptions.StatusCountsMaxLag"/>).
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>
    /// With <see cref="StatusCountsMode.Streamed"/>, when the last change counted for this project happened (DynamoDB's
    /// approximate time of its stream record); <see langword="null"/> before the first, and in the other modes.
    /// </summary>
    public DateTimeOffset? LastChangeAt { get; init; }

    /// <summary>The count of one status.</summary>
    /// <param name="status">The status.</param>
    public long this[FeedbackStatus status] => status switch
    {
        FeedbackStatus.Open => Open,
        FeedbackStatus.InProgress => InProgress,
        FeedbackStatus.Resolved => Resolved,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a feedback status."),
    };

    /// <summary>Whether <paramref name="other"/> has the same numbers.</summary>
    /// <param name="other">The counts to compare with.</param>
    public bool Equals(FeedbackStatusCounts? other) =>
        other is not null && Open == other.Open && InProgress == other.InProgress && Resolved == other.Resolved;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Open, InProgress, Resolved);
}
