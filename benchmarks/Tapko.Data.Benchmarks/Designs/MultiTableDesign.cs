using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;
using M = Tapko.Data.Benchmarks.Designs.MultiTableItems;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// What both baselines share: a Projects table keyed by projectId and a Feedbacks table keyed by feedbackId, written
/// with the same guarantees as the library (conditional writes, ownership checked inside the request, a transactional
/// submit that checks the project is collecting, idempotent by a client request token), so that the comparison is
/// about the key design and nothing else. How a project's feedback is found is left to the two subclasses.
/// </summary>
public abstract class MultiTableDesign : IDesign
{
    protected const int BatchWriteLimit = 25;

    protected MultiTableDesign(IAmazonDynamoDB client, string prefix)
    {
        Client = client;
        ProjectTable = prefix + "-projects";
        FeedbackTable = prefix + "-feedbacks";
    }

    public abstract DesignKind Kind { get; }

    public string ProjectTable { get; }

    public string FeedbackTable { get; }

    public abstract string? FeedbackIndex { get; }

    public IReadOnlyList<string> Tables => [ProjectTable, FeedbackTable];

    protected IAmazonDynamoDB Client { get; }

    public async Task CreateTablesAsync()
    {
        await CreateAsync(new CreateTableRequest
        {
            TableName = ProjectTable,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(M.ProjectId, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(M.ProjectId, KeyType.HASH)],
        }).ConfigureAwait(false);
        await CreateAsync(FeedbackTableDefinition()).ConfigureAwait(false);
    }

    public Dictionary<string, AttributeValue> ProjectItem(GeneratedProject project, bool collecting) =>
        M.Project(project.Key, project.Name, collecting, project.CreatedAt);

    public Dictionary<string, AttributeValue> FeedbackItem(GeneratedFeedback feedback) => M.Feedback(feedback);

    public Dictionary<string, AttributeValue> AsWritten(Dictionary<string, AttributeValue> item) => item;

    public Dictionary<string, AttributeValue> ProjectKey(ProjectKey project) => new() { [M.ProjectId] = M.S(project.ProjectId.Value) };

    public Dictionary<string, AttributeValue> FeedbackKey(ProjectKey project, FeedbackId id) => new() { [M.FeedbackId] = M.S(id.ToString()) };

    public async Task CreateProjectAsync(GeneratedProject project)
    {
        var response = await Client.PutItemAsync(new PutItemRequest
        {
            TableName = ProjectTable,
            Item = M.Project(project.Key, project.Name, true, DateTimeOffset.UtcNow),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = M.ProjectId },
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("project.create", "PutItem", ProjectTable, true, response.ConsumedCapacity);
    }

    public async Task SetCollectingAsync(ProjectKey project, bool collecting)
    {
        var response = await Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = ProjectTable,
            Key = ProjectKey(project),
            UpdateExpression = "SET #collecting = :collecting, #updatedAt = :now ADD #version :one",
            ConditionExpression = "#owner = :owner",
            ExpressionAttributeNames = new() { ["#collecting"] = M.Collecting, ["#updatedAt"] = M.UpdatedAt, ["#version"] = M.Version, ["#owner"] = M.UserId },
            ExpressionAttributeValues = new()
            {
                [":collecting"] = new() { BOOL = collecting },
                [":now"] = M.S(Timestamps.Format(DateTimeOffset.UtcNow)),
                [":one"] = new() { N = "1" },
                [":owner"] = M.S(project.Owner.Value),
            },
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("project.set_collecting", "UpdateItem", ProjectTable, true, response.ConsumedCapacity);
    }

    public async Task SubmitAsync(GeneratedFeedback feedback)
    {
        var project = feedback.Project;
        var response = await Client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            ClientRequestToken = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{project}/{feedback.Id}")), 0, 18),
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            TransactItems =
            [
                new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck
                    {
                        TableName = ProjectTable,
                        Key = ProjectKey(project),
                        ConditionExpression = "#owner = :owner AND #collecting = :true",
                        ExpressionAttributeNames = new() { ["#owner"] = M.UserId, ["#collecting"] = M.Collecting },
                        ExpressionAttributeValues = new() { [":owner"] = M.S(project.Owner.Value), [":true"] = new() { BOOL = true } },
                    },
                },
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = FeedbackTable,
                        Item = M.Feedback(feedback),
                        ConditionExpression = "attribute_not_exists(#id)",
                        ExpressionAttributeNames = new() { ["#id"] = M.FeedbackId },
                    },
                },
            ],
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.submit", "TransactWriteItems", FeedbackTable, true, response.ConsumedCapacity);
    }

    /// <summary>
    /// The submit with the guarantees of the library's <c>ReadThenWrite</c>: a consistent read of the project (owner,
    /// collecting), then the feedback put if absent; a close between the two does not stop this submission.
    /// </summary>
    public async Task SubmitReadThenWriteAsync(GeneratedFeedback feedback)
    {
        var project = feedback.Project;
        var read = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = ProjectTable,
            Key = ProjectKey(project),
            ConsistentRead = true,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.submit", "GetItem", ProjectTable, false, read.ConsumedCapacity);
        if (read.Item is not { Count: > 0 } item || !Owned(item, project) || item[M.Collecting].BOOL != true)
        {
            throw new FeedbackCollectionClosedException(project);
        }

        var response = await Client.PutItemAsync(new PutItemRequest
        {
            TableName = FeedbackTable,
            Item = M.Feedback(feedback),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = M.FeedbackId },
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.submit", "PutItem", FeedbackTable, true, response.ConsumedCapacity);
    }

    public async Task<Feedback?> GetAsync(ProjectKey project, FeedbackId id)
    {
        var response = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = FeedbackTable,
            Key = FeedbackKey(project, id),
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.get", "GetItem", FeedbackTable, false, response.ConsumedCapacity);
        return response.Item is { Count: > 0 } item && Owned(item, project) ? M.ToFeedback(item) : null;
    }

    public abstract Task<IReadOnlyList<Feedback>> ListAsync(ProjectKey project, int pageSize);

    public abstract Task<IReadOnlyList<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize);

    public async Task UpdateStatusAsync(ProjectKey project, FeedbackId id, FeedbackStatus status)
    {
        var response = await Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = FeedbackTable,
            Key = FeedbackKey(project, id),
            UpdateExpression = "SET #status = :status, #updatedAt = :now",
            ConditionExpression = "#project = :project AND #owner = :owner",
            ExpressionAttributeNames = new() { ["#status"] = M.Status, ["#updatedAt"] = M.UpdatedAt, ["#project"] = M.ProjectId, ["#owner"] = M.UserId },
            ExpressionAttributeValues = new()
            {
                [":status"] = M.S(status.ToWireName()),
                [":now"] = M.S(Timestamps.Format(DateTimeOffset.UtcNow)),
                [":project"] = M.S(project.ProjectId.Value),
                [":owner"] = M.S(project.Owner.Value),
            },
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("feedback.update_status", "UpdateItem", FeedbackTable, true, response.ConsumedCapacity);
        M.ToFeedback(response.Attributes);
    }

    public async Task DeleteProjectAsync(ProjectKey project)
    {
        // The project goes first, under the owner check, so no submission can land while its feedback is removed.
        var response = await Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = ProjectTable,
            Key = ProjectKey(project),
            ConditionExpression = "#owner = :owner",
            ExpressionAttributeNames = new() { ["#owner"] = M.UserId },
            ExpressionAttributeValues = new() { [":owner"] = M.S(project.Owner.Value) },
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        BaselineTelemetry.Record("project.delete", "DeleteItem", ProjectTable, true, response.ConsumedCapacity);

        var keys = await FeedbackIdsOfAsync(project).ConfigureAwait(false);
        foreach (var chunk in keys.Chunk(BatchWriteLimit))
        {
            var request = new BatchWriteItemRequest
            {
                RequestItems = new() { [FeedbackTable] = [.. chunk.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } })] },
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            };
            while (true)
            {
                var batch = await Client.BatchWriteItemAsync(request).ConfigureAwait(false);
                BaselineTelemetry.Record("project.delete", "BatchWriteItem", FeedbackTable, true, batch.ConsumedCapacity);
                if (batch.UnprocessedItems is not { Count: > 0 } left || left.Values.All(v => v is not { Count: > 0 }))
                {
                    break;
                }

                request = new BatchWriteItemRequest { RequestItems = left, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES };
            }
        }
    }

    /// <summary>The keys of every feedback item of the project, found the way the design can.</summary>
    protected abstract Task<List<Dictionary<string, AttributeValue>>> FeedbackIdsOfAsync(ProjectKey project);

    protected abstract CreateTableRequest FeedbackTableDefinition();

    protected static bool Owned(Dictionary<string, AttributeValue> item, ProjectKey project) =>
        item.GetValueOrDefault(M.ProjectId)?.S == project.ProjectId.Value && item.GetValueOrDefault(M.UserId)?.S == project.Owner.Value;

    /// <summary>Newest first, ids breaking ties, as the library orders a page.</summary>
    protected static IReadOnlyList<Feedback> NewestFirst(IEnumerable<Dictionary<string, AttributeValue>> items, int pageSize) =>
        [.. items.OrderByDescending(i => i[M.FeedbackId].S, StringComparer.Ordinal).Take(pageSize).Select(M.ToFeedback)];

    private async Task CreateAsync(CreateTableRequest request)
    {
        try
        {
            await Client.CreateTableAsync(request).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            return;
        }

        while ((await Client.DescribeTableAsync(request.TableName).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
