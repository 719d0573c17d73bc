using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using M = Tapko.Data.Benchmarks.Designs.MultiTableItems;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// The naive baseline: feedback keyed by its id alone, so a project's feedback can only be found by a Scan with a
/// filter. A page must be the project's newest items, and a Scan returns items in hash order, so every page reads the
/// whole table; the filter only shrinks the response, never the bill. This is that design done right (paging through
/// every Scan page, the owner checked in the filter), not a strawman that stops early with a wrong answer.
/// </summary>
public sealed class MultiTableScanDesign(IAmazonDynamoDB client, string prefix) : MultiTableDesign(client, prefix)
{
    public override DesignKind Kind => DesignKind.MultiTableScan;

    public override string? FeedbackIndex => null;

    public override async Task<IReadOnlyList<Feedback>> ListAsync(ProjectKey project, int pageSize) =>
        NewestFirst(await ScanAsync("feedback.list", project, status: null, keysOnly: false).ConfigureAwait(false), pageSize);

    public override async Task<IReadOnlyList<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize) =>
        NewestFirst(await ScanAsync("feedback.list_by_status", project, status, keysOnly: false).ConfigureAwait(false), pageSize);

    protected override Task<List<Dictionary<string, AttributeValue>>> FeedbackIdsOfAsync(ProjectKey project) =>
        ScanAsync("project.delete", project, status: null, keysOnly: true);

    protected override CreateTableRequest FeedbackTableDefinition() => new()
    {
        TableName = FeedbackTable,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(M.FeedbackId, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(M.FeedbackId, KeyType.HASH)],
    };

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string operation, ProjectKey project, FeedbackStatus? status, bool keysOnly)
    {
        var request = new ScanRequest
        {
            TableName = FeedbackTable,
            FilterExpression = "#project = :project AND #owner = :owner" + (status is null ? string.Empty : " AND #status = :status"),
            ExpressionAttributeNames = new() { ["#project"] = M.ProjectId, ["#owner"] = M.UserId },
            ExpressionAttributeValues = new() { [":project"] = M.S(project.ProjectId.Value), [":owner"] = M.S(project.Owner.Value) },
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };
        if (status is { } s)
        {
            request.ExpressionAttributeNames["#status"] = M.Status;
            request.ExpressionAttributeValues[":status"] = M.S(s.ToWireName());
        }

        if (keysOnly)
        {
            // Smaller responses; the read units are the same, a Scan is billed for what it reads, not what it returns.
            request.ProjectionExpression = "#id";
            request.ExpressionAttributeNames["#id"] = M.FeedbackId;
        }

        var found = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await Client.ScanAsync(request).ConfigureAwait(false);
            BaselineTelemetry.Record(operation, "Scan", FeedbackTable, false, response.ConsumedCapacity);
            found.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return found;
    }
}
