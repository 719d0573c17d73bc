namespace Tapko.Data.Stores;

/// <summary>
/// The writes of a <see cref="StatusMove"/>, each ending in a <see cref="MoveVerdict"/>: one <c>UpdateItem</c> per item,
/// or, where counters are kept (<see cref="StatusCountsMode.Maintained"/>), one transaction of the feedback changes and
/// the counter changes, conditioned on each item's current status. That status is the caller's expected one, or a
/// guess (open, where most moves start); a wrong guess fails without effect, and the item that comes back with the
/// cancellation names the right one, so nothing is read first. Counted deletes work the same way.
/// </summary>
internal sealed class StatusMoves(TapkoContext context)
{
    /// <summary>How often a batch is re-sent with what the cancellation taught; each round settles at least one item.</summary>
    private static readonly int Rounds = ShardLayout.One.MoveBatchSize + 2;

    /// <summary>A bulk move: outcomes in the order of <paramref name="ids"/>.</summary>
    public async Task<ClaimOutcome<IReadOnlyList<FeedbackMoveResult>>> ManyAsync(OperationScope scope, StatusMove move, IReadOnlyList<FeedbackId> ids,
        bool counted, CancellationToken cancellationToken)
    {
        var verdicts = counted
            ? await CountedAsync(scope, move, ids, cancellationToken).ConfigureAwait(false)
            : await EachAsync(scope, move, ids, cancellationToken).ConfigureAwait(false);
        return verdicts.IsStale ? StaleClaim.Found
            : new ClaimOutcome<IReadOnlyList<FeedbackMoveResult>>(ids.Select((id, i) => StatusMove.ResultOf(id, verdicts.Value[i])).ToList());
    }

    /// <summary>
    /// Without counters: one <c>UpdateItem</c>, with the owner, incarnation and expected status in its condition; it
    /// returns the item as updated, or the item that refused it.
    /// </summary>
    public async Task<MoveVerdict> UpdateAsync(OperationScope scope, StatusMove move, FeedbackId id, CancellationToken cancellationToken)
    {
        var request = FeedbackRequests.UpdateStatus(context.Table, move.Project, move.Claim, id, move.To, move.Expected, move.Now, move.WriteId);
        var outcome = await context.Requests.UpdateItemAsync(scope, request, cancellationToken).ConfigureAwait(false);
        return outcome.Applied
            ? MoveVerdict.Applied(outcome.Response!.Attributes)
            : new MoveVerdict(move.Classify(outcome.Blocking), outcome.Blocking, outcome.Failure);
    }

    /// <summary>Moves items with counters, batch by batch; verdicts in the order of <paramref name="ids"/>.</summary>
    public async Task<ClaimOutcome<IReadOnlyList<MoveVerdict>>> CountedAsync(OperationScope scope, StatusMove move, IReadOnlyList<FeedbackId> ids,
        CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<FeedbackId, MoveVerdict>();
        foreach (var batch in ids.Chunk(move.Claim.Shards.MoveBatchSize))
        {
            if (!await MoveBatchAsync(scope, move, batch, verdicts, cancellationToken).ConfigureAwait(false))
            {
                return StaleClaim.Found;
            }
        }

        return new(ids.Select(id => verdicts[id]).ToList());
    }

    /// <summary>Without counters, many items: <see cref="UpdateAsync"/> for each, a few at a time.</summary>
    private async Task<ClaimOutcome<IReadOnlyList<MoveVerdict>>> EachAsync(OperationScope scope, StatusMove move, IReadOnlyList<FeedbackId> ids,
        CancellationToken cancellationToken)
    {
        var verdicts = new MoveVerdict[ids.Count];
        var stale = false;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                // Once one item shows the claim stale, the others would be refused the same way: none is sent.
                if (!stale)
                {
                    verdicts[i] = await UpdateAsync(scope, move, ids[i], ct).ConfigureAwait(false);
                    stale |= verdicts[i].Refusal == Blocked.StaleClaim;
                }
            }).ConfigureAwait(false);
        return stale ? StaleClaim.Found : new ClaimOutcome<IReadOnlyList<MoveVerdict>>(verdicts);
    }

    /// <summary>Deletes one item and counts it out; <see langword="false"/> when there was nothing of the caller's to delete.</summary>
    public async Task<ClaimOutcome<bool>> DeleteAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId id,
        string writeId, CancellationToken cancellationToken)
    {
        var from = FeedbackStatus.Open;
        for (var round = 1; round <= Rounds; round++)
        {
            var counters = CountedRequests.Counters(context.Table, claim.Shards.CounterOf(project, id), claim.Incarnation,
                new Dictionary<FeedbackStatus, long> { [from] = -1 });
            var request = CountedRequests.Transaction(project, $"delete\n{writeId}\n{from.ToWireName()}",
                [new TransactWriteItem { Delete = CountedRequests.Remove(context.Table, project, claim, id, from) }], [counters]);
            var outcome = await context.Requests.TransactWriteItemsAsync(scope, request, cancellationToken).ConfigureAwait(false);
            if (outcome.Applied)
            {
                return true;
            }

            if (BlockedWrite.CountersStale(outcome, actions: 1, counters: 1))
            {
                return StaleClaim.Found;
            }

            switch (BlockedWrite.Classify(outcome.Blocking(0), project, claim, verified, context.Now(), writeId: null))
            {
                case Blocked.StaleClaim:
                    return StaleClaim.Found;
                case Blocked.Conflict:
                    from = FeedbackItem.StatusOf(outcome.Blocking(0)!);
                    break;
                default:
                    return false;
            }
        }

        throw new ConcurrencyConflictException($"Feedback '{id}' kept changing status while it was being deleted; it was not deleted.", null);
    }

    /// <summary>Moves one batch into <paramref name="verdicts"/>; <see langword="false"/> when the claim proved stale.</summary>
    private async Task<bool> MoveBatchAsync(OperationScope scope, StatusMove move, FeedbackId[] batch, Dictionary<FeedbackId, MoveVerdict> verdicts,
        CancellationToken cancellationToken)
    {
        var (project, claim, to, expected) = (move.Project, move.Claim, move.To, move.Expected);
        var from = batch.ToDictionary(id => id, _ => expected ?? FeedbackStatus.Open);
        for (var round = 1; from.Count > 0; round++)
        {
            if (round > Rounds)
            {
                throw new ConcurrencyConflictException("The feedback kept changing status while it was being moved; the remaining items were not moved.", null);
            }

            var pending = from.ToList();

            // One counter update per item that counts (the project item, or each head touched), in a fixed order.
            var deltas = new SortedDictionary<string, (TapkoItemKey Key, Dictionary<FeedbackStatus, long> Deltas)>(StringComparer.Ordinal);
            foreach (var (id, status) in pending.Where(p => p.Value != to))
            {
                var counter = claim.Shards.CounterOf(project, id);
                if (!deltas.TryGetValue(counter.PartitionKey, out var entry))
                {
                    deltas[counter.PartitionKey] = entry = (counter, new Dictionary<FeedbackStatus, long>());
                }

                entry.Deltas[status] = entry.Deltas.GetValueOrDefault(status) - 1;
                entry.Deltas[to] = entry.Deltas.GetValueOrDefault(to) + 1;
            }

            var actions = pending.Select(p => new TransactWriteItem { Update = CountedRequests.Move(context.Table, project, claim, p.Key, p.Value, to,
                move.Now, move.WriteId) });
            var counters = deltas.Values.Select(d => CountedRequests.Counters(context.Table, d.Key, claim.Incarnation, d.Deltas)).ToList();
            var token = $"move\n{move.WriteId}\n{string.Join(",", pending.Select(p => p.Key + ":" + p.Value.ToWireName()))}";
            var outcome = await context.Requests.TransactWriteItemsAsync(scope, CountedRequests.Transaction(project, token, actions, counters),
                cancellationToken).ConfigureAwait(false);
            if (outcome.Applied)
            {
                foreach (var (id, _) in pending)
                {
                    verdicts[id] = MoveVerdict.Applied(null);
                }

                return true;
            }

            if (BlockedWrite.CountersStale(outcome, pending.Count, counters.Count(c => c is not null)))
            {
                return false;
            }

            for (var i = 0; i < pending.Count; i++)
            {
                if (!outcome.FailedCondition(i))
                {
                    continue;
                }

                var id = pending[i].Key;
                var current = outcome.Blocking(i);
                var refusal = move.Classify(current);
                if (refusal == Blocked.StaleClaim)
                {
                    return false;
                }

                if (refusal == Blocked.Conflict && expected is null)
                {
                    // The guess was wrong: the item names its status, which the next round expects.
                    from[id] = FeedbackItem.StatusOf(current!);
                    continue;
                }

                // Settled: moved by an earlier attempt of this very call (its answer lost, the SDK resent it), a
                // conflict with the expected status, or nothing of the caller's there.
                verdicts[id] = new MoveVerdict(refusal, current);
                from.Remove(id);
            }
        }

        return true;
    }
}
