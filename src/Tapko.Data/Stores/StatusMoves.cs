using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Stores;

/// <summary>
/// Status moves and deletes that keep the project's counters exact (<see cref="StatusCountsMode.Maintained"/>): each
/// one transaction of the feedback change and the counter change, conditioned on the feedback's current status. That
/// status is the caller's expected one, or a guess (open, where most moves start); a wrong guess fails without effect,
/// and the item that comes back with the cancellation names the right one, so nothing is read first.
/// </summary>
internal sealed class StatusMoves(TapkoContext context)
{
    /// <summary>Most items a bulk move sends in one transaction: DynamoDB's 100 actions, one of them the counters.</summary>
    public const int BatchSize = 99;

    /// <summary>In a sharded project each item may count in another head: half the actions for items, half for their heads.</summary>
    public const int ShardedBatchSize = 50;

    /// <summary>How often a batch is re-sent with what the cancellation taught; each round settles at least one item.</summary>
    private const int Rounds = BatchSize + 2;

    /// <summary>Moves items of one project, batch by batch; outcomes in the order of <paramref name="ids"/>.</summary>
    public async Task<ClaimOutcome<IReadOnlyList<FeedbackMoveResult>>> MoveAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, IReadOnlyList<FeedbackId> ids, FeedbackStatus to,
            FeedbackStatus? expected, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<FeedbackId, FeedbackMoveResult>();
        foreach (var batch in ids.Chunk(claim.Shards.IsSharded ? ShardedBatchSize : BatchSize))
        {
            if (!await MoveBatchAsync(scope, project, claim, verified, batch, to, expected, now, writeId, results, cancellationToken).ConfigureAwait(false))
            {
                return StaleClaim.Found;
            }
        }

        return new(ids.Select(id => results[id]).ToList());
    }

    /// <summary>
    /// Without counters (<see cref="StatusCountsMode.None"/>): one <c>UpdateItem</c> per item, a few at a time, each
    /// with the owner, incarnation and expected status in its condition.
    /// </summary>
    public async Task<ClaimOutcome<IReadOnlyList<FeedbackMoveResult>>> MoveEachAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, IReadOnlyList<FeedbackId> ids, FeedbackStatus to,
            FeedbackStatus? expected, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var results = new FeedbackMoveResult[ids.Count];
        var stale = false;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcome = await context.Requests.UpdateItemAsync(scope, FeedbackRequests.UpdateStatus(context.Table, project, claim, ids[i], to,
                    expected, now, writeId), ct).ConfigureAwait(false);

                // An expired item is gone for every caller, whatever its stored status.
                var blocked = outcome.Applied ? Blocked.AlreadyDone
                    : BlockedWrite.Classify(outcome.Blocking, project, claim, verified, now, writeId);
                stale |= blocked == Blocked.StaleClaim;
                results[i] = blocked switch
                {
                    Blocked.AlreadyDone => new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.Moved),
                    Blocked.Conflict => new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.Conflict, FeedbackItem.StatusOf(outcome.Blocking!)),
                    _ => new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.NotFound),
                };
            }).ConfigureAwait(false);
        return stale ? StaleClaim.Found : new ClaimOutcome<IReadOnlyList<FeedbackMoveResult>>(results);
    }

    /// <summary>Deletes one item and counts it out; <see langword="false"/> when there was nothing of the caller's to delete.</summary>
    public async Task<ClaimOutcome<bool>> DeleteAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId id,
        string writeId, CancellationToken cancellationToken)
    {
        var from = FeedbackStatus.Open;
        for (var round = 1; round <= Rounds; round++)
        {
            var counters = CountedRequests.Counters(context.Table, HeadItem.CounterOf(project, claim.Shards, id), claim.Incarnation,
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

    /// <summary>Moves one batch into <paramref name="results"/>; <see langword="false"/> when the claim proved stale.</summary>
    private async Task<bool> MoveBatchAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId[] batch, FeedbackStatus to, FeedbackStatus? expected,
            DateTimeOffset now, string writeId, Dictionary<FeedbackId, FeedbackMoveResult> results, CancellationToken cancellationToken)
    {
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
                var counter = HeadItem.CounterOf(project, claim.Shards, id);
                if (!deltas.TryGetValue(counter.PartitionKey, out var entry))
                {
                    deltas[counter.PartitionKey] = entry = (counter, new Dictionary<FeedbackStatus, long>());
                }

                entry.Deltas[status] = entry.Deltas.GetValueOrDefault(status) - 1;
                entry.Deltas[to] = entry.Deltas.GetValueOrDefault(to) + 1;
            }

            var actions = pending.Select(p => new TransactWriteItem { Update = CountedRequests.Move(context.Table, project, claim, p.Key, p.Value, to,
                now, writeId) });
            var counters = deltas.Values.Select(d => CountedRequests.Counters(context.Table, d.Key, claim.Incarnation, d.Deltas)).ToList();
            var token = $"move\n{writeId}\n{string.Join(",", pending.Select(p => p.Key + ":" + p.Value.ToWireName()))}";
            var outcome = await context.Requests.TransactWriteItemsAsync(scope, CountedRequests.Transaction(project, token, actions, counters),
                cancellationToken).ConfigureAwait(false);
            if (outcome.Applied)
            {
                foreach (var (id, _) in pending)
                {
                    results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.Moved);
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
                switch (BlockedWrite.Classify(current, project, claim, verified, now, writeId))
                {
                    case Blocked.StaleClaim:
                        return false;
                    case Blocked.AlreadyDone:
                        // An earlier attempt of this very call moved it; its answer was lost and the SDK resent it.
                        results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.Moved);
                        from.Remove(id);
                        break;
                    case Blocked.Conflict when expected is null:
                        // The guess was wrong: the item names its status, which the next round expects.
                        from[id] = FeedbackItem.StatusOf(current!);
                        break;
                    case Blocked.Conflict:
                        results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.Conflict, FeedbackItem.StatusOf(current!));
                        from.Remove(id);
                        break;
                    default:
                        results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.NotFound);
                        from.Remove(id);
                        break;
                }
            }
        }

        return true;
    }
}
