namespace Tapko.Data.Stores;

/// <summary>Reads a project's per-status counts: its counters, or, where none are kept, <c>COUNT</c> queries.</summary>
internal sealed class StatusCounting(TapkoContext context)
{
    /// <summary>The counters on the project item: one <c>GetItem</c>; <see langword="null"/> when the owner has no such project.</summary>
    public async Task<FeedbackStatusCounts?> FromCountersAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var response = await context.Requests.GetItemAsync(scope, ProjectRequests.Get(context.Table, project, context.Options.ConsistentReads), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? StatusCounters.Read(item) : null;
    }

    /// <summary>Counts each status on the status index, page by page; the cost grows with the project's items.</summary>
    public async Task<FeedbackStatusCounts> ByQueryAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<FeedbackStatus, long>();
        foreach (var status in Enum.GetValues<FeedbackStatus>())
        {
            Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? startKey = null;
            do
            {
                var page = await context.Requests.QueryAsync(scope, CountedRequests.CountStatus(context.Table, project, claim.Incarnation, status, startKey), cancellationToken).ConfigureAwait(false);
                counts[status] = counts.GetValueOrDefault(status) + (page.Count ?? 0);
                startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }

        return new FeedbackStatusCounts(counts[FeedbackStatus.Open], counts[FeedbackStatus.InProgress], counts[FeedbackStatus.Resolved]);
    }
}
