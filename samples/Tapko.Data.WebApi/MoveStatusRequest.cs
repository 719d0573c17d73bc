using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>The body of <c>PUT /projects/{projectId}/feedback/{feedbackId}/status</c>, e.g. <c>{"status":"resolved","expectedStatus":"in-progress"}</c>.</summary>
/// <param name="Status">The status to move to (a wire name: <c>open</c>, <c>in-progress</c>, <c>resolved</c>).</param>
/// <param name="ExpectedStatus">When given, the move applies only from this status; otherwise 409.</param>
public sealed record MoveStatusRequest(FeedbackStatus Status, FeedbackStatus? ExpectedStatus = null);
