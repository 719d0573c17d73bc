using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using M = Tapko.Data.Benchmarks.Designs.MultiTableItems;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// The careful multi-table baseline: Feedbacks gets an index keyed by (projectId, createdAt) projecting all
/// attributes, so a page is one Query, newest first. Status is not in the index key, so a status page is the same
/// Query with a filter, read in page-sized steps until the page is full: the read units cover every item of other
/// statuses passed on the way, which is the cost the library's status index removes.
/// </summary>
public sealed class MultiTableGsiDesign(IAmazonDynamoDB client, string prefix) : MultiTableDesign(client, prefix)
{
    public const string IndexName = "ByProject";

    public override DesignKind Kind => DesignKind.MultiTableGsi;

    public override string? FeedbackIndex => IndexName;

    public override async Task<IReadOnlyList<Feedback>> ListAsync(ProjectKey project, int pageSize)
    {
        var response = await Client.QueryAsync(Query(project, null, pageSize)).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.list", "Query", FeedbackTable, false, response.ConsumedCapacity);
        return [.. (response.Items ?? []).Select(M.ToFeedback)];
    }

    public override async Task<IReadOnlyList<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize)
    {
        var request = Query(project, status, pageSize);
        var found = new List<Dictionary<string, AttributeValue>>(pageSize);
        do
        {
            var response = await Client.QueryAsync(request).ConfigureAwait(false);
            BaselineTelemetry.Record("feedback.list_by_status", "Query", FeedbackTable, false, response.ConsumedCapacity);
            found.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (found.Count < pageSize && request.ExclusiveStartKey is not null);

        return [.. found.Take(pageSize).Select(M.ToFeedback)];
    }

    protected override async Task<List<Dictionary<string, AttributeValue>>> FeedbackIdsOfAsync(ProjectKey project)
    {
        var request = Query(project, null, limit: null);
        request.ProjectionExpression = "#id";
        request.ExpressionAttributeNames["#id"] = M.FeedbackId;
        var keys = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await Client.QueryAsync(request).ConfigureAwait(false);
            BaselineTelemetry.Record("project.delete", "Query", FeedbackTable, false, response.ConsumedCapacity);
            keys.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return keys;
    }

    protected override CreateTableRequest FeedbackTableDefinition() => new()
    {
        TableName = FeedbackTable,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(M.FeedbackId, ScalarAttributeType.S),
            new AttributeDefinition(M.ProjectId, ScalarAttributeType.S),
            new AttributeDefinition(M.CreatedAt, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(M.FeedbackId, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = IndexName,
                KeySchema = [new KeySchemaElement(M.ProjectId, KeyType.HASH), new KeySchemaElement(M.CreatedAt, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    private QueryRequest Query(ProjectKey project, FeedbackStatus? status, int? limit)
    {
        var request = new QueryRequest
        {
            TableName = FeedbackTable,
            IndexName = IndexName,
            KeyConditionExpression = "#project = :project",
            FilterExpression = "#owner = :owner" + (status is null ? string.Empty : " AND #status = :status"),
            ExpressionAttributeNames = new() { ["#project"] = M.ProjectId, ["#owner"] = M.UserId },
            ExpressionAttributeValues = new() { [":project"] = M.S(project.ProjectId.Value), [":owner"] = M.S(project.Owner.Value) },
            ScanIndexForward = false,
            Limit = limit,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };
        if (status is { } s)
        {
            request.ExpressionAttributeNames["#status"] = M.Status;
            request.ExpressionAttributeValues[":status"] = M.S(s.ToWireName());
        }

        return request;
    }
}
