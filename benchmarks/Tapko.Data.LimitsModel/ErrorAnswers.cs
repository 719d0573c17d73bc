using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tapko.Data.LimitsModel;

/// <summary>The error answers the model gives instead of forwarding, in DynamoDB's JSON error format the SDK parses.</summary>
public static class ErrorAnswers
{
    private const string DynamoPrefix = "com.amazonaws.dynamodb.v20120810#";

    /// <summary>A throttle on <paramref name="partition"/>, with DynamoDB's throttling reason for a hot key range.</summary>
    public static HttpResponseMessage Throttle(ThrottleAnswer kind, Charge refused)
    {
        var resource = refused.Partition.Index is null ? "Table" : "Index";
        var operation = refused.Write ? "Write" : "Read";
        var arn = $"arn:aws:dynamodb:local:000000000000:table/{refused.Partition.Table}" + (refused.Partition.Index is { } i ? $"/index/{i}" : string.Empty);
        var body = new JsonObject
        {
            ["__type"] = kind == ThrottleAnswer.Throttling ? "com.amazon.coral.availability#ThrottlingException" : DynamoPrefix + "ProvisionedThroughputExceededException",
            ["message"] = $"The partition key range of {refused.Partition} exceeds its {operation.ToLowerInvariant()} throughput (modelled).",
            ["ThrottlingReasons"] = new JsonArray(new JsonObject { ["reason"] = $"{resource}{operation}KeyRangeThroughputExceeded", ["resource"] = arn }),
        };
        return Json(body);
    }

    /// <summary>A transaction cancelled because <paramref name="conflicting"/> actions' items are held by another one.</summary>
    public static HttpResponseMessage TransactionConflict(int actionCount, IReadOnlyCollection<int> conflicting)
    {
        ArgumentNullException.ThrowIfNull(conflicting);
        var reasons = new JsonArray();
        for (var i = 0; i < actionCount; i++)
        {
            reasons.Add(conflicting.Contains(i)
                ? new JsonObject { ["Code"] = "TransactionConflict", ["Message"] = "Transaction is ongoing for the item (modelled)." }
                : new JsonObject { ["Code"] = "None" });
        }

        var codes = string.Join(", ", Enumerable.Range(0, actionCount).Select(i => conflicting.Contains(i) ? "TransactionConflict" : "None"));
        return Json(new JsonObject
        {
            ["__type"] = DynamoPrefix + "TransactionCanceledException",
            ["Message"] = $"Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]",
            ["CancellationReasons"] = reasons,
        });
    }

    /// <summary>A single-item write refused because a transaction in flight holds its item.</summary>
    public static HttpResponseMessage WriteConflict() => Json(new JsonObject
    {
        ["__type"] = DynamoPrefix + "TransactionConflictException",
        ["message"] = "Operation was rejected because there is an ongoing transaction for the item (modelled).",
    });

    private static HttpResponseMessage Json(JsonObject body)
    {
        // No x-amz-crc32 header: the SDK checks it only when present.
        var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString("N"));
        return response;
    }
}
