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
    public async Task<IReadOnlyList<FeedbackMoveResult>> MoveAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, IReadOnlyList<FeedbackId> ids, FeedbackStatus to,
            FeedbackStatus? expected, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<FeedbackId, FeedbackMoveResult>();
        foreach (var batch in ids.Chunk(claim.Shards.IsSharded ? ShardedBatchSize : BatchSize))
        {
            await MoveBatchAsync(scope, project, claim, verified, batch, to, expected, now, writeId, results, cancellationToken).ConfigureAwait(false);
        }

        return [.. ids.Select(id => results[id])];
    }

    /// <summary>
    /// Without counters (<see cref="StatusCountsMode.None"/>): one <c>UpdateItem</c> per item, a few at a time, each
    /// with the owner, incarnation and expected status in its condition.
    /// </summary>
    public async Task<IReadOnlyList<FeedbackMoveResult>> MoveEachAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, IReadOnlyList<FeedbackId> ids, FeedbackStatus to,
            FeedbackStatus? expected, DateTimeOffset now, string writeId, CancellationToken cancellationToken)
    {
        var results = new FeedbackMoveResult[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcome = await context.Requests.UpdateItemAsync(scope, FeedbackRequests.UpdateStatus(context.Table, project, claim, ids[i], to,
                    expected, now, writeId), ct).ConfigureAwait(false);

                // An expired item is gone for every caller, whatever its stored status.
                var current = outcome.Blocking is { } blocking && Expiry.HasExpired(blocking, now) && FeedbackItem.BelongsTo(blocking, project.Owner,
                    claim) ? null : outcome.Blocking;
                results[i] = outcome.Applied || (current is not null && FeedbackItem.BelongsTo(current, project.Owner,
                    claim) && WriteId.WroteLast(current, writeId))
                    ? new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.Moved)
                    : current is not null && FeedbackItem.BelongsTo(current, project.Owner, claim)
                        ? new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.Conflict, FeedbackItem.StatusOf(current))
                        : current is not null && !verified
                            ? throw new StaleClaimException()
                            : new FeedbackMoveResult(ids[i], FeedbackMoveOutcome.NotFound);
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Deletes one item and counts it out; <see langword="false"/> when there was nothing of the caller's to delete.</summary>
    public async Task<bool> DeleteAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackId id, string writeId,
        CancellationToken cancellationToken)
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

            ThrowIfCountersStale(outcome, actions: 1, counters: 1);
            if (outcome.Blocking(0) is not { } current)
            {
                return false;
            }

            if (!FeedbackItem.BelongsTo(current, project.Owner, claim))
            {
                return verified ? false : throw new StaleClaimException();
            }

            from = FeedbackItem.StatusOf(current);
        }

        throw new ConcurrencyConflictException($"Feedback '{id}' kept changing status while it was being deleted; it was not deleted.", null);
    }

    private async Task MoveBatchAsync(
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

                return;
            }

            ThrowIfCountersStale(outcome, pending.Count, counters.Count(c => c is not null));
            for (var i = 0; i < pending.Count; i++)
            {
                if (!outcome.FailedCondition(i))
                {
                    continue;
                }

                var id = pending[i].Key;
                var current = outcome.Blocking(i);
                if (current is not null && !FeedbackItem.BelongsTo(current, project.Owner, claim) && !verified)
                {
                    throw new StaleClaimException();
                }

                if (current is null || !FeedbackItem.BelongsTo(current, project.Owner, claim))
                {
                    results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.NotFound);
                    from.Remove(id);
                }
                else if (WriteId.WroteLast(current, writeId) && FeedbackItem.StatusOf(current) == to)
                {
                    // An earlier attempt of this very call moved it; its answer was lost and the SDK resent it.
                    results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.Moved);
                    from.Remove(id);
                }
                else if (expected is not null)
                {
                    results[id] = new FeedbackMoveResult(id, FeedbackMoveOutcome.Conflict, FeedbackItem.StatusOf(current));
                    from.Remove(id);
                }
                else
                {
                    from[id] = FeedbackItem.StatusOf(current);
                }
            }
        }
    }

    /// <summary>The counter actions come last; one fails only when the project is no longer the life the claim named.</summary>
    private static void ThrowIfCountersStale(TransactOutcome outcome, int actions, int counters)
    {
        if (Enumerable.Range(actions, counters).Any(outcome.FailedCondition))
        {
            throw new StaleClaimException();
        }
    }
}
