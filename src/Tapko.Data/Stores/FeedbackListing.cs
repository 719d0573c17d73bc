namespace Tapko.Data.Stores;

/// <summary>
/// One page of a project's feedback, on the table or one status: checked arguments and token first, then, under the
/// caller's claim, one Query (unsharded) or a merge of every shard's (<see cref="ShardMerge{T}"/>).
/// </summary>
internal sealed class FeedbackListing(TapkoContext context)
{
    public Task<Page<Feedback>> ReadAsync(OperationScope scope, ProjectKey project, FeedbackStatus? status, FeedbackQuery? query, CancellationToken cancellationToken)
    {
        project.Require(nameof(project));
        query ??= new FeedbackQuery();
        query.Validate(nameof(query));
        var index = status is { } s ? StatusIndex.For(FeedbackStatusNames.Require(s, nameof(status))) : FeedbackIndex.ByCreation;
        var binding = QueryBinding.Feedback(project, index, query);
        var startAfter = context.Pager.ResumeAfter<FeedbackId>(query.ContinuationToken, binding, FeedbackId.TryParse);
        return context.Owners.WithClaimAsync(
            scope,
            project.ProjectId,
            project.Owner,
            (claim, verified) =>
            {
                void Inspect(Amazon.DynamoDBv2.Model.QueryResponse response)
                {
                    // The filter dropped items: an earlier life of the id left them, or the cached claim is stale.
                    if (response.ScannedCount > response.Count && !verified)
                    {
                        throw new StaleClaimException();
                    }
                }

                return claim.Shards.IsSharded
                    ? context.Pager.ReadMergedAsync(
                        scope,
                        claim.Shards,
                        query,
                        index,
                        (shard, limit) => startAfter is not { } last
                            ? FeedbackRequests.List(context.Table, project, claim.Incarnation, index, query with { PageSize = limit }, null, context.Options.ConsistentReads, claim.Shards, shard)
                            : index.ResumeShard(query, last, claim.Shards, shard) is { } resume
                                ? FeedbackRequests.List(context.Table, project, claim.Incarnation, index, resume.Range with { PageSize = limit }, resume.StartAfter, context.Options.ConsistentReads, claim.Shards, shard)
                                : null,
                        binding,
                        FeedbackItem.FromItem,
                        f => f.Id,
                        Inspect,
                        cancellationToken)
                    : context.Pager.ReadAsync(
                        scope,
                        FeedbackRequests.List(context.Table, project, claim.Incarnation, index, query, startAfter, context.Options.ConsistentReads),
                        binding,
                        TapkoKeys.FeedbackSortKeyPrefix,
                        FeedbackItem.FromItem,
                        Inspect,
                        cancellationToken);
            },
            () => new Page<Feedback>([], null),
            cancellationToken);
    }
}
