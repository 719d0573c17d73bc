namespace Tapko.Data;

/// <summary>
/// What a triage inbox shows of a piece of feedback: read straight from the status index
/// (<see cref="IFeedbackStore.ListRowsByStatusAsync"/>), without its full message or payload.
/// </summary>
/// <param name="Project">Owner and project.</param>
/// <param name="Id">The feedback id.</param>
/// <param name="Status">Its status.</param>
/// <param name="Preview">The start of its message: at most <see cref="PreviewLength"/> characters.</param>
/// <param name="IsTruncated">Whether the message is longer than <see cref="Preview"/>.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record FeedbackRow(
    ProjectKey Project,
    FeedbackId Id,
    FeedbackStatus Status,
    string Preview,
    bool IsTruncated,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The most characters of the message a row carries.</summary>
    public const int PreviewLength = 120;
}
