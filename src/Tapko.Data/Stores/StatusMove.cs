namespace Tapko.Data.Stores;

/// <summary>
/// One status move as a call asks it, for one item or many: the project and the claim it acts under, the status to
/// move to and the one expected, and the call's time and write id, fixed once so a rerun after a stale claim and the
/// SDK's resends write exactly what the first attempt would have.
/// </summary>
internal sealed record StatusMove(ProjectKey Project, ProjectClaim Claim, bool Verified, FeedbackStatus To, FeedbackStatus? Expected,
    DateTimeOffset Now, string WriteId)
{
    /// <summary>What the item that blocked this move's write says (see <see cref="BlockedWrite"/>).</summary>
    public Blocked Classify(Dictionary<string, AttributeValue>? current) => BlockedWrite.Classify(current, Project, Claim, Verified, Now, WriteId);

    /// <summary>A bulk move's answer for one item.</summary>
    public static FeedbackMoveResult ResultOf(FeedbackId id, MoveVerdict verdict) => verdict.Refusal switch
    {
        null or Blocked.AlreadyDone => new FeedbackMoveResult(id, FeedbackMoveOutcome.Moved),
        Blocked.Conflict => new FeedbackMoveResult(id, FeedbackMoveOutcome.Conflict, FeedbackItem.StatusOf(verdict.Current!)),
        _ => new FeedbackMoveResult(id, FeedbackMoveOutcome.NotFound),
    };
}

/// <summary>
/// How one item's move ended: applied (<see cref="Refusal"/> <see langword="null"/>, <see cref="Current"/> the item as
/// written when the write returns it), or refused, with the item that blocked it and DynamoDB's failure when there is one.
/// </summary>
internal readonly record struct MoveVerdict(Blocked? Refusal, Dictionary<string, AttributeValue>? Current, Exception? Failure = null)
{
    public static MoveVerdict Applied(Dictionary<string, AttributeValue>? written) => new(null, written);
}
