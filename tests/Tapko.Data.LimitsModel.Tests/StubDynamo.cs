using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Tapko.Data.LimitsModel.Tests;

/// <summary>
/// Answers every request the model forwards with success and the capacity the test sets, and counts them by
/// operation: what reaches it is what DynamoDB would have applied.
/// </summary>
public sealed class StubDynamo : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> forwarded = new();

    /// <summary>Table units each write reports.</summary>
    public double TableUnits { get; set; } = 1;

    /// <summary>GSI1 units each write reports.</summary>
    public double IndexUnits { get; set; }

    public IReadOnlyList<string> Forwarded => [.. forwarded];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.GetValues("X-Amz-Target").First().Split('.').Last();
        forwarded.Enqueue(operation);
        var capacity = operation == "GetItem"
            ? Capacity(0.5, index: null)
            : Capacity(TableUnits, IndexUnits);
        var body = operation == "TransactWriteItems" ? "{\"ConsumedCapacity\":[" + capacity + "]}" : "{\"ConsumedCapacity\":" + capacity + "}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0") });
    }

    private static string Capacity(double table, double? index) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $$"""{"TableName":"t","CapacityUnits":{{table + (index ?? 0)}},"Table":{"CapacityUnits":{{table}}}""")
        + (index is { } units ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $$""","GlobalSecondaryIndexes":{"GSI1":{"CapacityUnits":{{units}}}""") + "}" : string.Empty)
        + "}";
}
