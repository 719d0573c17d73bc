namespace Tapko.Data.Stores;

/// <summary>Reads a project's per-status counts: the change feed's, its counters, or, where none are kept, <c>COUNT</c> queries.</summary>
internal sealed class StatusCounting(TapkoContext context)
{
    /// <summary>
    /// The counts the change feed keeps on the project's claim: one <c>GetItem</c> whatever the project's shard count;
    /// <see langword="null"/> when the id is free or another owner's (the claim names its owner), exactly as for a
    /// missing project. Stamped with how current they are, or refused when no projector keeps them.
    /// </summary>
    public async Task<FeedbackStatusCounts?> FromFeedAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var response = await context.Requests.GetItemAsync(scope, ProjectRequests.GetClaim(context.Table, project.ProjectId,
            context.Options.ConsistentReads), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } claim || !ItemReader.IsOwnedBy(claim, project.Owner))
        {
            return null;
        }

        return await context.Projector.StampAsync(scope, StreamedCounts.Read(claim, context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The counters on the project item: one <c>GetItem</c>; <see langword="null"/> when the owner has no such project. A
    /// sharded project's counters are spread over its heads, so they follow in one <c>BatchGetItem</c> and are summed.
    /// </summary>
    public async Task<FeedbackStatusCounts?> FromCountersAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var response = await context.Requests.GetItemAsync(scope, ProjectRequests.Get(context.Table, project, context.Options.ConsistentReads),
            cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        var shards = ProjectItem.Layout(item);
        var counts = shards.HasHeads
            ? await FromHeadsAsync(scope, project, ProjectItem.Incarnation(item), shards, cancellationToken).ConfigureAwait(false)
            : StatusCounters.Read(item);
        return counts with { AsOf = context.Now() };
    }

    /// <summary>Counts each status on the status index (every shard's), page by page; the cost grows with the project's items.</summary>
    public async Task<FeedbackStatusCounts> ByQueryAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<FeedbackStatus, long>();
        foreach (var status in Enum.GetValues<FeedbackStatus>())
        {
            foreach (var shard in claim.Shards.AllShards)
            {
                await foreach (var page in context.Pager.AllPagesAsync(scope, startKey => CountedRequests.CountStatus(context.Table, project, claim,
                    status, startKey, context.Time.GetUtcNow(), shard), cancellationToken).ConfigureAwait(false))
                {
                    counts[status] = counts.GetValueOrDefault(status) + (page.Count ?? 0);
                }
            }
        }

        return new FeedbackStatusCounts(counts[FeedbackStatus.Open], counts[FeedbackStatus.InProgress],
            counts[FeedbackStatus.Resolved]) { AsOf = context.Now() };
    }

    /// <summary>Sums the counters of this life's heads; a head gone (the project is being deleted) counts nothing.</summary>
    private async Task<FeedbackStatusCounts> FromHeadsAsync(OperationScope scope, ProjectKey project, string incarnation, ShardLayout shards,
        CancellationToken cancellationToken)
    {
        var request = HeadRequests.Read(context.Table, project.ProjectId, shards.AllHeads, context.Options.ConsistentReads);
        var heads = await context.Requests.BatchGetAllAsync(scope, request, context.Options.BatchWriteMaxAttempts, cancellationToken)
            .ConfigureAwait(false);
        var sum = new FeedbackStatusCounts(0, 0, 0);
        foreach (var head in heads.Where(h => ProjectItem.Incarnation(h) == incarnation))
        {
            var counts = StatusCounters.Read(head);
            sum = new FeedbackStatusCounts(sum.Open + counts.Open, sum.InProgress + counts.InProgress, sum.Resolved + counts.Resolved);
        }

        return sum;
    }
}
