namespace Tapko.Data.Stores;

/// <summary>
/// One status move, as <see cref="IFeedbackStore.UpdateStatusAsync"/> promises it: one <c>UpdateItem</c> that returns
/// the item as updated; with counters, the counted transaction of <see cref="StatusMoves"/> for this one item, and the
/// item read back. Either way the refusal is read once, by <see cref="BlockedWrite"/>, and answered here.
/// </summary>
internal sealed class SingleMove(TapkoContext context, StatusMoves moves)
{
    public async Task<ClaimOutcome<Feedback>> MoveAsync(OperationScope scope, StatusMove move, FeedbackId id, bool counted,
        CancellationToken cancellationToken)
    {
        MoveVerdict verdict;
        if (counted)
        {
            var verdicts = await moves.CountedAsync(scope, move, [id], cancellationToken).ConfigureAwait(false);
            if (verdicts.IsStale)
            {
                return StaleClaim.Found;
            }

            verdict = verdicts.Value[0];
        }
        else
        {
            verdict = await moves.UpdateAsync(scope, move, id, cancellationToken).ConfigureAwait(false);
        }

        var project = move.Project;
        return verdict.Refusal switch
        {
            Blocked.StaleClaim => StaleClaim.Found,
            Blocked.Missing => throw TapkoNotFoundException.Feedback(project, id,
                verdict.Failure is { } failure ? ItemReader.ForgetOtherOwners(failure, project.Owner) : null),
            Blocked.Expired => throw TapkoNotFoundException.Feedback(project, id),
            Blocked.Conflict => throw ConcurrencyConflictException.Status(id, verdict.Current!, move.Expected, verdict.Failure),

            // Applied, or applied by an earlier attempt of this very call whose answer was lost and the SDK resent it.
            _ when verdict.Current is { } item && !counted => FeedbackItem.FromItem(item),
            _ => await ReadBackAsync(scope, move, id, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// A transaction returns no item: the rest of the feedback is read back (it never changes), and the status and time
    /// are this call's own, even if another move landed since.
    /// </summary>
    private async Task<Feedback> ReadBackAsync(OperationScope scope, StatusMove move, FeedbackId id, CancellationToken cancellationToken)
    {
        var read = await context.Requests.GetItemAsync(scope, FeedbackRequests.Get(context.Table, move.Project, move.Claim, id, consistent: true),
            cancellationToken).ConfigureAwait(false);
        return read.Item is { Count: > 0 } item && FeedbackItem.BelongsTo(item, move.Project.Owner, move.Claim)
            ? FeedbackItem.FromItem(item) with { Status = move.To, UpdatedAt = move.Now }
            : throw TapkoNotFoundException.Feedback(move.Project, id);
    }
}
