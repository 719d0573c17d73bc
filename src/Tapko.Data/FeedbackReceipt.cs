namespace Tapko.Data;

/// <summary>
/// What the anonymous submit (<see cref="IFeedbackStore.SubmitFromWidgetAsync"/>)
/// returns: enough to acknowledge the submission to the browser, and nothing about the project's owner, so a handler
/// can return it as it is.
/// </summary>
/// <param name="ProjectId">The project the feedback was stored in.</param>
/// <param name="Id">The stored feedback's id; keep it to retry the same submission.</param>
/// <param name="Status">Its status: <see cref="FeedbackStatus.Open"/>, or where triage has moved a repeated submission.</param>
/// <param name="CreatedAt">When it was submitted (UTC, millisecond precision).</param>
public sealed record FeedbackReceipt(ProjectId ProjectId, FeedbackId Id, FeedbackStatus Status, DateTimeOffset CreatedAt);
