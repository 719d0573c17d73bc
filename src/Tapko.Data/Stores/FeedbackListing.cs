namespace Tapko.Data.Stores;

/// <summary>
/// One page of a project's feedback, on the table or one status: checked arguments and token first, then, under the
/// caller's claim, a merge of every shard's Query (<see cref="ShardMerge{T}"/>; unsharded, one Query). A status page of
/// whole feedback from an index of triage rows (<see cref="StatusIndexProjection.Rows"/>) then reads the items.
/// </summary>
internal sealed class FeedbackListing(TapkoContext context)
{
    /// <summary>A page of whole feedback.</summary>
    public Task<Page<Feedback>> FeedbackAsync(OperationScope scope, ProjectKey project, FeedbackStatus? status, FeedbackQuery? query,
        CancellationToken cancellationToken) =>
        ReadAsync<Feedback>(
            scope,
            project,
            status,
            query,
            async (claim, entries) =>
            {
                var items = status is not null && context.Options.StatusIndexProjection == StatusIndexProjection.Rows
                    ? await HydrateAsync(scope, project, claim, entries, cancellationToken).ConfigureAwait(false)
                    : entries;
                return [.. items.Select(FeedbackItem.FromItem)];
            },
            cancellationToken);

    /// <summary>A page of triage rows: what the status index holds, read as it is.</summary>
    public Task<Page<FeedbackRow>> RowsAsync(OperationScope scope, ProjectKey project, FeedbackStatus status, FeedbackQuery? query,
        CancellationToken cancellationToken) =>
        ReadAsync(scope, project, status, query, (_,
            entries) => Task.FromResult<IReadOnlyList<FeedbackRow>>([.. entries.Select(FeedbackItem.RowFromItem)]), cancellationToken);

    private Task<Page<T>> ReadAsync<T>(
        OperationScope scope,
        ProjectKey project,
        FeedbackStatus? status,
        FeedbackQuery? query,
        Func<ProjectClaim, IReadOnlyList<Dictionary<string, AttributeValue>>, Task<IReadOnlyList<T>>> finish,
        CancellationToken cancellationToken)
    {
        project.Require(nameof(project));
        query ??= new FeedbackQuery();
        query.Validate(nameof(query));
        var index = status is { } s ? StatusIndex.For(FeedbackStatusNames.Require(s, nameof(status))) : FeedbackIndex.ByCreation;
        var binding = QueryBinding.Feedback(project, index, query);
        var startAfter = context.Pager.ResumeAfter<FeedbackId>(query.ContinuationToken, binding, FeedbackId.TryParse);
        var now = context.Time.GetUtcNow();
        return context.Owners.WithClaimAsync<Page<T>>(scope, project, async (claim, verified) =>
            {
                // The filter dropped items: an earlier life of the id left them, or the cached claim is stale. Then a
                // merge reads no further: another life's items are not the caller's to spend reads on.
                var filtered = false;
                bool Inspect(QueryResponse response)
                {
                    filtered |= response.ScannedCount > response.Count;
                    return verified || !filtered;
                }

                var page = await context.Pager.ReadMergedAsync(
                    scope,
                    claim.Shards,
                    query,
                    index,
                    (shard, limit) => startAfter is not { } last
                        ? FeedbackRequests.List(context.Table, project, claim, index, query with { PageSize = limit }, null,
                            context.Options.ConsistentReads, now, shard)
                        : index.ResumeShard(query, last, claim.Shards, shard) is { } resume
                            ? FeedbackRequests.List(context.Table, project, claim, index, resume.Range with { PageSize = limit },
                                resume.StartAfter, context.Options.ConsistentReads, now, shard)
                            : null,
                    binding,
                    item => item,
                    FeedbackItem.IdOf,
                    Inspect,
                    cancellationToken).ConfigureAwait(false);
                return filtered && !verified ? StaleClaim.Found : new Page<T>(await finish(claim, page.Items).ConfigureAwait(false), page.ContinuationToken);
            },
            () => new Page<T>([], null),
            cancellationToken);
    }

    /// <summary>
    /// The whole items of a page of index entries, in the page's order: one <c>BatchGetItem</c> per 100. An item deleted
    /// (or moved out of the caller's reach) since its entry was read is left out, as a later page would not show it either.
    /// </summary>
    private async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> HydrateAsync(
        OperationScope scope, ProjectKey project, ProjectClaim claim, IReadOnlyList<Dictionary<string, AttributeValue>> entries,
            CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        var keys = entries.Select(e => new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = e[PrimaryIndex.PartitionKey],
            [PrimaryIndex.SortKey] = e[PrimaryIndex.SortKey],
        }).ToList();
        var found = await context.Requests.BatchGetAllAsync(scope, context.Table, keys, context.Options.ConsistentReads,
            context.Options.BatchWriteMaxAttempts, cancellationToken).ConfigureAwait(false);
        var byKey = found.ToDictionary(i => (i[PrimaryIndex.PartitionKey].S, i[PrimaryIndex.SortKey].S));
        var now = context.Time.GetUtcNow();
        return [.. keys
            .Select(k => byKey.GetValueOrDefault((k[PrimaryIndex.PartitionKey].S, k[PrimaryIndex.SortKey].S)))
            .Where(i => i is not null && FeedbackItem.BelongsTo(i, project.Owner, claim) && !Expiry.HasExpired(i, now))
            .Select(i => i!)];
    }
}
