namespace Tapko.Data;

/// <summary>
/// A change of one piece of feedback, delivered by the change feed's projector to every <see cref="IFeedbackEventHandler"/>
/// the host registered: at least once, in order per feedback item.
/// </summary>
/// <param name="Id">
/// Stable for this change: every delivery of it, by any projector, carries the same id, so a handler that must act once
/// (send one email) de-duplicates by it. It is the stream record's event id.
/// </param>
/// <param name="Kind">What happened.</param>
/// <param name="Project">Owner and project of the feedback.</param>
/// <param name="FeedbackId">The feedback.</param>
/// <param name="OccurredAt">DynamoDB's approximate time of the change (to the second on AWS, the minute on DynamoDB Local).</param>
/// <param name="Status">The status after the change; <see langword="null"/> when it was deleted or expired.</param>
/// <param name="PreviousStatus">The status before; <see langword="null"/> when it was submitted.</param>
/// <param name="Feedback">The feedback after the change, or as it was when it was deleted or expired.</param>
public sealed record FeedbackEvent(
    string Id,
    FeedbackEventKind Kind,
    ProjectKey Project,
    FeedbackId FeedbackId,
    DateTimeOffset OccurredAt,
    FeedbackStatus? Status,
    FeedbackStatus? PreviousStatus,
    Feedback? Feedback);
