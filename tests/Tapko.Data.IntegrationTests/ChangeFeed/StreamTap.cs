using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Tapko.Data.IntegrationTests.ChangeFeed;

/// <summary>
/// Reads a test table's stream off DynamoDB Local with the Streams API, and builds from its records the event AWS
/// Lambda delivers to a function on the stream (the same record shape, plus <c>eventSourceARN</c>).
/// </summary>
internal sealed class StreamTap(DynamoDbFixture fixture, string table)
{
    private readonly Dictionary<string, string?> after = new(StringComparer.Ordinal);

    /// <summary>Every record added to the stream since the last call (all of them the first time), in stream order.</summary>
    public async Task<List<JsonObject>> ReadNewAsync(CancellationToken cancellationToken)
    {
        var streams = StreamsClient.For(fixture.Client, new TapkoStoreOptions { TableName = table }, new BasicAWSCredentials("tapkolocal", "tapkolocal"), TimeProvider.System);
        var arn = (await fixture.Client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken)).Table.LatestStreamArn;
        var description = await streams.CallAsync("DescribeStream", new JsonObject { ["StreamArn"] = arn }.ToJsonString(), cancellationToken);
        var records = new List<JsonObject>();
        foreach (var shard in description.GetProperty("StreamDescription").GetProperty("Shards").EnumerateArray())
        {
            var id = shard.GetProperty("ShardId").GetString()!;
            var request = new JsonObject { ["StreamArn"] = arn, ["ShardId"] = id, ["ShardIteratorType"] = "TRIM_HORIZON" };
            if (after.GetValueOrDefault(id) is { } last)
            {
                request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
                request["SequenceNumber"] = last;
            }

            var iterator = (await streams.CallAsync("GetShardIterator", request.ToJsonString(), cancellationToken)).GetProperty("ShardIterator").GetString();
            while (iterator is not null)
            {
                var page = JsonNode.Parse((await streams.CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator }.ToJsonString(), cancellationToken)).GetRawText())!.AsObject();
                var batch = page["Records"]!.AsArray().Select(r => r!.DeepClone().AsObject()).ToList();
                foreach (var record in batch)
                {
                    record["eventSourceARN"] = arn;
                    records.Add(record);
                    after[id] = record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();
                }

                iterator = batch.Count == 0 ? null : page["NextShardIterator"]?.GetValue<string>();
            }
        }

        return records;
    }

    /// <summary>The Lambda event of <paramref name="records"/>: <c>{"Records":[...]}</c>.</summary>
    public static MemoryStream Event(IEnumerable<JsonObject> records) =>
        new(System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray([.. records.Select(r => (JsonNode)r.DeepClone())]) }.ToJsonString()));

    /// <summary>The sequence numbers a partial-batch response names.</summary>
    public static async Task<List<string>> FailuresAsync(Stream response)
    {
        var json = (await JsonNode.ParseAsync(response))!.AsObject();
        return [.. json["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];
    }
}
