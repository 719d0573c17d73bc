namespace Tapko.Data.Requests;

/// <summary>What the item that blocked a conditional write on a feedback item says about that write.</summary>
internal enum Blocked
{
    /// <summary>No feedback of the caller's there: absent, or left by an earlier life of the id under a claim just read.</summary>
    Missing,

    /// <summary>An item of another life of the project id, under a cached claim: read the claim again before answering.</summary>
    StaleClaim,

    /// <summary>The caller's item, past its expiry: gone for every reader, whatever DynamoDB still stores.</summary>
    Expired,

    /// <summary>An earlier attempt of this very call wrote it (the answer was lost and the SDK resent the request).</summary>
    AlreadyDone,

    /// <summary>The caller's live item, in another state than the write expected.</summary>
    Conflict,
}

/// <summary>
/// The one reading of a write DynamoDB refused — a failed condition (<see cref="WriteOutcome{TResponse}"/>), an action
/// of a cancelled transaction (<see cref="TransactOutcome"/>) — from the item that blocked it: every store switches on
/// <see cref="Blocked"/> instead of deciding afresh.
/// </summary>
internal static class BlockedWrite
{
    /// <summary>
    /// Classifies <paramref name="current"/> (the blocking item, <see langword="null"/> when there was none) for a write
    /// of <paramref name="project"/> under <paramref name="claim"/>, just read when <paramref name="verified"/>;
    /// <paramref name="writeId"/> is the call's own mark, <see langword="null"/> for a write that sets none.
    /// </summary>
    public static Blocked Classify(Dictionary<string, AttributeValue>? current, ProjectKey project, ProjectClaim claim, bool verified,
        DateTimeOffset now, string? writeId) =>
        current is null ? Blocked.Missing
        : !FeedbackItem.BelongsTo(current, project.Owner, claim) ? (verified ? Blocked.Missing : Blocked.StaleClaim)
        : Expiry.HasExpired(current, now) ? Blocked.Expired
        : writeId is not null && WriteId.WroteLast(current, writeId) ? Blocked.AlreadyDone
        : Blocked.Conflict;

    /// <summary>
    /// Whether a counted transaction failed on its counters (the actions after the first <paramref name="actions"/>):
    /// they fail only when the project is no longer the life the claim named.
    /// </summary>
    public static bool CountersStale(TransactOutcome outcome, int actions, int counters) =>
        Enumerable.Range(actions, counters).Any(outcome.FailedCondition);
}
