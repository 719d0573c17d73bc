namespace Tapko.Data.Stores;

/// <summary>
/// Removing what lives in a project id's partition: a project's feedback when the project is deleted, and what an
/// earlier life of the id left behind when it is claimed again. Batched, with unprocessed deletes retried.
/// </summary>
internal sealed class ProjectDeletion(TapkoContext context)
{
    private const int BatchWriteLimit = 25;

    /// <summary>
    /// Closes and marks the project, deletes all its feedback, then the project item and its claim together; the number
    /// of feedback items deleted, or <see langword="null"/> when the owner has no such project.
    /// </summary>
    public async Task<int?> DeleteAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var mark = await context.Requests.UpdateItemAsync(scope, ProjectRequests.MarkDeleting(context.Table, project, context.Now()),
            cancellationToken).ConfigureAwait(false);
        if (!mark.Applied)
        {
            return null;
        }

        // Closed and marked, so no transactional submission can land any more; everything in the partition goes. A
        // sharded project's submissions check its heads, not its item: deleting the heads first closes it just as well
        // (a missing head fails every check), and then every shard is emptied the same way. One shard has no heads.
        var shards = ProjectItem.Layout(mark.Response!.Attributes);
        foreach (var chunk in shards.AllHeads.Select(h => PrimaryIndex.Key(TapkoKeys.Head(project.ProjectId, h))).Chunk(BatchWriteLimit))
        {
            await DeleteBatchAsync(scope, project, chunk, 0, cancellationToken).ConfigureAwait(false);
        }

        var deleted = 0;
        foreach (var shard in shards.AllShards)
        {
            deleted += await DeleteAllAsync(scope, project, startKey => ProjectRequests.FeedbackKeys(context.Table, project, startKey, shards, shard),
                cancellationToken).ConfigureAwait(false);
        }

        // The claim goes last, with the project item: the id cannot be taken again while any of its feedback remains. A
        // failed condition on the project item means a concurrent call of DeleteAsync finished first: gone either way.
        var incarnation = ProjectItem.Incarnation(mark.Response!.Attributes);
        var last = await context.Requests.TransactWriteItemsAsync(scope, ProjectRequests.DeleteProjectAndClaim(context.Table, project, incarnation),
            cancellationToken).ConfigureAwait(false);
        if (!last.Applied && !last.FailedCondition(0))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(last.Cancelled!);
        }

        context.Owners.Forget(project.ProjectId);
        scope.Tag(TagNames.FeedbackDeleted, deleted);
        return deleted;
    }

    /// <summary>
    /// Before an id is claimed: if it is taken, throws at the cost of one read; if feedback without a claim is there
    /// (left behind by an earlier life of the id in <see cref="SubmitMode.ReadThenWrite"/> mode, see docs/table.md),
    /// deletes it, so no owner ever reads past another's leftovers.
    /// </summary>
    public async Task RemoveLeftoversAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var first = await context.Requests.QueryAsync(scope, ProjectRequests.PartitionKeys(context.Table, project.ProjectId, null, limit: 1),
            cancellationToken).ConfigureAwait(false);
        if (first.Items?.FirstOrDefault() is not { } firstKey)
        {
            return;
        }

        if (firstKey.GetValueOrDefault(PrimaryIndex.SortKey)?.S == TapkoKeys.ClaimSortKey)
        {
            throw DuplicateItemException.ProjectIdTaken(project.ProjectId);
        }

        var removed = await DeleteAllAsync(scope, project, startKey => ProjectRequests.PartitionKeys(context.Table, project.ProjectId, startKey,
            limit: null), cancellationToken).ConfigureAwait(false);
        Log.LeftoversRemoved(context.Logger, project.ProjectId, removed);
    }

    /// <summary>Deletes every item the paged <paramref name="keys"/> query finds, in batches; returns how many.</summary>
    private async Task<int> DeleteAllAsync(OperationScope scope, ProjectKey project, Func<Dictionary<string, AttributeValue>?, QueryRequest> keys,
        CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var page in context.Pager.AllPagesAsync(scope, keys, cancellationToken).ConfigureAwait(false))
        {
            foreach (var chunk in (page.Items ?? []).Chunk(BatchWriteLimit))
            {
                await DeleteBatchAsync(scope, project, chunk, deleted, cancellationToken).ConfigureAwait(false);
                deleted += chunk.Length;
            }
        }

        return deleted;
    }

    private async Task DeleteBatchAsync(OperationScope scope, ProjectKey project, IEnumerable<Dictionary<string, AttributeValue>> keys,
        int deletedBefore, CancellationToken cancellationToken)
    {
        var request = ProjectRequests.DeleteBatch(context.Table, keys);
        var batch = request.RequestItems[context.Table].Count;
        var (left, attempts) = await context.Requests.BatchWriteAllAsync(scope, request, context.Options.BatchWriteMaxAttempts, cancellationToken)
            .ConfigureAwait(false);
        if (left > 0)
        {
            throw new DeletionIncompleteException(project, deletedBefore + batch - left, left, attempts);
        }
    }
}
