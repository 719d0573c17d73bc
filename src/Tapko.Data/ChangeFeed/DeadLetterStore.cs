namespace Tapko.Data.ChangeFeed;

/// <summary>Where dead letters are kept: items in the table's bookkeeping partition (<see cref="DeadLetterItem"/>).</summary>
internal sealed class DeadLetterStore(TapkoContext context)
{
    public async Task AddAsync(OperationScope scope, FeedbackEvent e, Dictionary<string, AttributeValue> image, IFeedbackEventHandler handler,
        Exception error, int attempts, CancellationToken cancellationToken)
    {
        var item = DeadLetterItem.ToItem(e, image, HandlerName(handler), error, context.Time.GetUtcNow(), attempts);
        await context.Requests.PutItemAsync(scope, new PutItemRequest { TableName = context.Table, Item = item,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES }, cancellationToken).ConfigureAwait(false);
        Log.DeadLettered(context.Logger, HandlerName(handler), e.Kind.ToString(), e.Id);
    }

    /// <summary>The dead letters, oldest first, as stored items.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ReadAsync(OperationScope scope, int limit, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var key = TapkoKeys.Feed(DeadLetterItem.NamePrefix);
            var response = await context.Requests.QueryAsync(
                scope,
                new QueryRequest
                {
                    TableName = context.Table,
                    KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                    ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#sk"] = PrimaryIndex.SortKey },
                    ExpressionAttributeValues = new() { [":pk"] = new() { S = key.PartitionKey }, [":prefix"] = new() { S = key.SortKey } },
                    Limit = limit - items.Count,
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
                },
                cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && items.Count < limit);
        return items;
    }

    public Task RemoveAsync(OperationScope scope, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        context.Requests.DeleteItemAsync(
            scope,
            new DeleteItemRequest
            {
                TableName = context.Table,
                Key = new() { [PrimaryIndex.PartitionKey] = item[PrimaryIndex.PartitionKey], [PrimaryIndex.SortKey] = item[PrimaryIndex.SortKey] },
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            },
            cancellationToken);

    public Task UpdateAsync(OperationScope scope, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        context.Requests.PutItemAsync(scope, new PutItemRequest { TableName = context.Table, Item = item,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES }, cancellationToken);

    public static string HandlerName(IFeedbackEventHandler handler) => handler.GetType().FullName ?? handler.GetType().Name;
}
