using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>One stream record as the Streams API returned it, with the stream shard it came from.</summary>
/// <param name="Shard">The stream shard's id.</param>
/// <param name="Sequence">The record's sequence number, padded so that string order is stream order.</param>
/// <param name="Json">The record, with <c>eventSourceARN</c> added as Lambda adds it.</param>
public sealed record TappedRecord(string Shard, string Sequence, JsonObject Json)
{
    /// <summary>The sequence number as the stream wrote it, as a partial-batch response names it.</summary>
    public string Raw => Json["dynamodb"]!["SequenceNumber"]!.GetValue<string>();

    /// <summary>Sequence numbers are 21 to 40 digits: padded to 40, string order is numeric order.</summary>
    public static string Pad(string sequenceNumber) => sequenceNumber.PadLeft(40, '0');
}

/// <summary>
/// Reads a test table's stream off DynamoDB Local with the Streams API (raw JSON, as AWS Lambda would receive it), and
/// builds the event Lambda delivers to a function on the stream. A copy of the integration tests' helper that needs no
/// access to the library's internals: DynamoDB Local checks no signature, so the requests carry a well-formed dummy one.
/// Every record read is kept (<see cref="All"/>), so a test can pick earlier ones to deliver again or to roll back to.
/// </summary>
public sealed class StreamTap(IAmazonDynamoDB client, Uri endpoint, string table) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Dictionary<string, string?> after = new(StringComparer.Ordinal);
    private readonly List<TappedRecord> all = [];
    private string? arn;

    /// <summary>Every record read so far, in the order read (per shard, stream order).</summary>
    public IReadOnlyList<TappedRecord> All => all;

    /// <summary>Every record added to the stream since the last call (all of them the first time), shard by shard in stream order.</summary>
    public async Task<List<TappedRecord>> ReadNewAsync(CancellationToken cancellationToken)
    {
        arn ??= (await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken)).Table.LatestStreamArn;
        var description = await CallAsync("DescribeStream", new JsonObject { ["StreamArn"] = arn }, cancellationToken);
        var records = new List<TappedRecord>();
        foreach (var shard in description["StreamDescription"]!["Shards"]!.AsArray())
        {
            var id = shard!["ShardId"]!.GetValue<string>();
            var request = new JsonObject { ["StreamArn"] = arn, ["ShardId"] = id, ["ShardIteratorType"] = "TRIM_HORIZON" };
            if (after.GetValueOrDefault(id) is { } last)
            {
                request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
                request["SequenceNumber"] = last;
            }

            var iterator = (await CallAsync("GetShardIterator", request, cancellationToken))["ShardIterator"]?.GetValue<string>();
            while (iterator is not null)
            {
                var page = await CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator }, cancellationToken);
                var batch = page["Records"]!.AsArray().Select(r => r!.DeepClone().AsObject()).ToList();
                foreach (var record in batch)
                {
                    record["eventSourceARN"] = arn;
                    var sequence = record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();
                    records.Add(new TappedRecord(id, TappedRecord.Pad(sequence), record));
                    after[id] = sequence;
                }

                iterator = batch.Count == 0 ? null : page["NextShardIterator"]?.GetValue<string>();
            }
        }

        all.AddRange(records);
        return records;
    }

    /// <summary>The Lambda event of <paramref name="records"/>: <c>{"Records":[...]}</c>.</summary>
    public static MemoryStream Event(IEnumerable<TappedRecord> records) =>
        new(Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray([.. records.Select(r => (JsonNode)r.Json.DeepClone())]) }.ToJsonString()));

    /// <summary>The sequence numbers a partial-batch response names.</summary>
    public static async Task<List<string>> FailuresAsync(Stream response)
    {
        var json = (await JsonNode.ParseAsync(response))!.AsObject();
        return [.. json["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        var date = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDBStreams_20120810." + operation);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=tapkolocal/{date[..8]}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature={new string('0', 64)}");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.IsSuccessStatusCode.Should().BeTrue("the Streams call {0} must succeed: {1}", operation, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
