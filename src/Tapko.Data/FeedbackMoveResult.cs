namespace Tapko.Data;

/// <summary>What a bulk status move did to one feedback item.</summary>
/// <param name="Id">The feedback.</param>
/// <param name="Outcome">Moved, not found, or left alone because its status was not the expected one.</param>
/// <param name="Actual">The status the item had when <paramref name="Outcome"/> is <see cref="FeedbackMoveOutcome.Conflict"/>.</param>
public sealed record FeedbackMoveResult(FeedbackId Id, FeedbackMoveOutcome Outcome, FeedbackStatus? Actual = null);
