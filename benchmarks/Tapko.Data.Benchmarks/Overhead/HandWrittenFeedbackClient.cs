using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Benchmarks.Overhead;

/// <summary>
/// The library's requests written by hand on the low-level client, as a team without the library would: the same
/// key strings, expressions and idempotency token, and the response mapped to the same <see cref="Feedback"/>. What
/// it leaves out is the library's own work: argument validation, the size check, telemetry and continuation tokens.
/// </summary>
public sealed class HandWrittenFeedbackClient(IAmazonDynamoDB client, string table)
{
    public async Task<Feedback?> GetAsync(ProjectKey project, FeedbackId id)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = Key(project.ProjectId, id),
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && item["userId"].S == project.Owner.Value ? ToFeedback(item) : null;
    }

    public async Task<(List<Feedback> Items, Dictionary<string, AttributeValue>? Next)> ListAsync(ProjectKey project, int pageSize)
    {
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            FilterExpression = "#owner = :owner",
            ExpressionAttributeNames = new() { ["#pk"] = "PK", ["#sk"] = "SK", ["#owner"] = "userId" },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new() { S = "PROJECT#" + project.ProjectId.Value },
                [":prefix"] = new() { S = "FEEDBACK#" },
                [":owner"] = new() { S = project.Owner.Value },
            },
            ScanIndexForward = false,
            Limit = pageSize,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        return ([.. response.Items.Select(ToFeedback)], response.LastEvaluatedKey is { Count: > 0 } last ? last : null);
    }

    public async Task<Feedback> SubmitAsync(ProjectKey project, string message, JsonElement payload, FeedbackId id)
    {
        var created = id.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "PROJECT#" + project.ProjectId.Value },
            ["SK"] = new() { S = "FEEDBACK#" + id },
            ["GSI1PK"] = new() { S = "PROJECT#" + project.ProjectId.Value },
            ["GSI1SK"] = new() { S = "STATUS#open#" + created },
            ["type"] = new() { S = "feedback" },
            ["userId"] = new() { S = project.Owner.Value },
            ["projectId"] = new() { S = project.ProjectId.Value },
            ["feedbackId"] = new() { S = id.ToString() },
            ["message"] = new() { S = message },
            ["status"] = new() { S = "open" },
            ["createdAt"] = new() { S = created },
            ["updatedAt"] = new() { S = created },
            ["payload"] = ToAttributeValue(payload),
        };
        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            ClientRequestToken = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{project.Owner.Value}\n{project.ProjectId.Value}\n{id}")), 0, 18),
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            TransactItems =
            [
                new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck
                    {
                        TableName = table,
                        Key = new() { ["PK"] = new() { S = "USER#" + project.Owner.Value }, ["SK"] = new() { S = "PROJECT#" + project.ProjectId.Value } },
                        ConditionExpression = "#collecting = :true AND attribute_not_exists(#deleting)",
                        ExpressionAttributeNames = new() { ["#collecting"] = "isCollectingFeedback", ["#deleting"] = "deletingSince" },
                        ExpressionAttributeValues = new() { [":true"] = new() { BOOL = true } },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
                new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = table,
                        Item = item,
                        ConditionExpression = "attribute_not_exists(#pk)",
                        ExpressionAttributeNames = new() { ["#pk"] = "PK" },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
            ],
        }).ConfigureAwait(false);
        return new Feedback(project, id, message, FeedbackStatus.Open, payload, id.CreatedAt, id.CreatedAt);
    }

    /// <summary>
    /// The same requests as the library's move with status counters kept (its default): the feedback and the project's
    /// counters in one transaction (the item assumed open, the library's first guess), then the item read back
    /// strongly consistently, since a transaction returns no item.
    /// </summary>
    public async Task<Feedback> UpdateStatusAsync(ProjectKey project, FeedbackId id, FeedbackStatus status)
    {
        var wire = status.ToWireName();
        var now = DateTimeOffset.UtcNow;
        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = table,
                        Key = Key(project.ProjectId, id),
                        UpdateExpression = "SET #status = :status, #gsi1sk = :gsi1sk, #updatedAt = :now",
                        ConditionExpression = "#owner = :owner AND #status = :from",
                        ExpressionAttributeNames = new() { ["#status"] = "status", ["#gsi1sk"] = "GSI1SK", ["#updatedAt"] = "updatedAt", ["#owner"] = "userId" },
                        ExpressionAttributeValues = new()
                        {
                            [":status"] = new() { S = wire },
                            [":from"] = new() { S = "open" },
                            [":gsi1sk"] = new() { S = $"STATUS#{wire}#{id.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}" },
                            [":now"] = new() { S = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
                            [":owner"] = new() { S = project.Owner.Value },
                        },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = table,
                        Key = new() { ["PK"] = new() { S = "USER#" + project.Owner.Value }, ["SK"] = new() { S = "PROJECT#" + project.ProjectId.Value } },
                        UpdateExpression = "ADD #from :down, #to :up",
                        ExpressionAttributeNames = new() { ["#from"] = "openCount", ["#to"] = status == FeedbackStatus.Resolved ? "resolvedCount" : "inProgressCount" },
                        ExpressionAttributeValues = new() { [":down"] = new() { N = "-1" }, [":up"] = new() { N = "1" } },
                    },
                },
            ],
            ClientRequestToken = Guid.NewGuid().ToString("N"),
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        var read = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(project.ProjectId, id), ConsistentRead = true, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL }).ConfigureAwait(false);
        return ToFeedback(read.Item) with { Status = status, UpdatedAt = now };
    }

    private static Dictionary<string, AttributeValue> Key(ProjectId project, FeedbackId id) => new()
    {
        ["PK"] = new() { S = "PROJECT#" + project.Value },
        ["SK"] = new() { S = "FEEDBACK#" + id },
    };

    private static Feedback ToFeedback(Dictionary<string, AttributeValue> item)
    {
        var status = FeedbackStatusNames.TryParse(item["status"].S, out var parsed) ? parsed : throw new InvalidOperationException("Unknown status.");
        return new Feedback(
            new ProjectKey(UserId.Parse(item["userId"].S), ProjectId.Parse(item["projectId"].S)),
            FeedbackId.Parse(item["feedbackId"].S),
            item["message"].S,
            status,
            item.TryGetValue("payload", out var payload) && payload.M is not null ? ToJson(payload) : null,
            Time(item["createdAt"].S),
            Time(item["updatedAt"].S));
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static JsonElement ToJson(AttributeValue map)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, map);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.M is not null)
        {
            writer.WriteStartObject();
            foreach (var (name, element) in value.M)
            {
                writer.WritePropertyName(name);
                Write(writer, element);
            }

            writer.WriteEndObject();
        }
        else if (value.L is not null)
        {
            writer.WriteStartArray();
            foreach (var element in value.L)
            {
                Write(writer, element);
            }

            writer.WriteEndArray();
        }
        else if (value.S is not null)
        {
            writer.WriteStringValue(value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteRawValue(value.N);
        }
        else if (value.NULL == true)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBooleanValue(value.BOOL == true);
        }
    }

    private static AttributeValue ToAttributeValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new() { M = element.EnumerateObject().ToDictionary(p => p.Name, p => ToAttributeValue(p.Value)) },
        JsonValueKind.Array => new() { L = [.. element.EnumerateArray().Select(ToAttributeValue)] },
        JsonValueKind.String => new() { S = element.GetString() },
        JsonValueKind.Number => new() { N = element.GetRawText() },
        JsonValueKind.True => new() { BOOL = true },
        JsonValueKind.False => new() { BOOL = false },
        _ => new() { NULL = true },
    };
}
