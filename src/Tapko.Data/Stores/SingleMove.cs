namespace Tapko.Data.Stores;

/// <summary>
/// One status move, as <see cref="IFeedbackStore.UpdateStatusAsync"/> promises it: with counters, the counted move of
/// <see cref="StatusMoves"/> and the item read back; without, one <c>UpdateItem</c> that returns the item as updated.
/// </summary>
internal sealed class SingleMove(TapkoContext context, StatusMoves moves)
{
    public async Task<ClaimOutcome<Feedback>> CountedAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId id,
        FeedbackStatus to, FeedbackStatus? expected, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var moved = await moves.MoveAsync(scope, project, claim, verified, [id], to, expected, now, writeId, cancellationToken).ConfigureAwait(false);
        if (moved.IsStale)
        {
            return StaleClaim.Found;
        }

        var result = moved.Value[0];
        switch (result.Outcome)
        {
            case FeedbackMoveOutcome.NotFound:
                throw TapkoNotFoundException.Feedback(project, id);
            case FeedbackMoveOutcome.Conflict:
                throw new ConcurrencyConflictException(
                    $"Feedback '{id}' is '{result.Actual?.ToWireName()}', not '{expected?.ToWireName()}' as expected; its status was not changed.",
                    result.Actual?.ToWireName());
        }

        // A transaction returns no item: the rest of the feedback is read back (it never changes), and the status and time
        // are this call's own, even if another move landed since.
        var read = await context.Requests.GetItemAsync(scope, FeedbackRequests.Get(context.Table, project, claim, id, consistent: true),
            cancellationToken).ConfigureAwait(false);
        return read.Item is { Count: > 0 } item && FeedbackItem.BelongsTo(item, project.Owner, claim)
            ? FeedbackItem.FromItem(item) with { Status = to, UpdatedAt = now }
            : throw TapkoNotFoundException.Feedback(project, id);
    }

    public async Task<ClaimOutcome<Feedback>> UncountedAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId feedbackId,
        FeedbackStatus newStatus, FeedbackStatus? expectedStatus, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var request = FeedbackRequests.UpdateStatus(context.Table, project, claim, feedbackId, newStatus, expectedStatus, now, writeId);
        var outcome = await context.Requests.UpdateItemAsync(scope, request, cancellationToken).ConfigureAwait(false);
        if (outcome.Applied)
        {
            return FeedbackItem.FromItem(outcome.Response!.Attributes);
        }

        var current = outcome.Blocking;
        return BlockedWrite.Classify(current, project, claim, verified, now, writeId) switch
        {
            Blocked.StaleClaim => StaleClaim.Found,
            Blocked.Missing => throw TapkoNotFoundException.Feedback(project, feedbackId, ItemReader.ForgetOtherOwners(outcome.Failure!, project.Owner)),
            Blocked.Expired => throw TapkoNotFoundException.Feedback(project, feedbackId),

            // The SDK retried a request whose first attempt was applied but whose answer was lost: the expected status no
            // longer holds because of this very call. It succeeded; say so.
            Blocked.AlreadyDone => FeedbackItem.FromItem(current!),
            _ => throw ConcurrencyConflictException.Status(feedbackId, current!, expectedStatus, outcome.Failure!),
        };
    }
}
