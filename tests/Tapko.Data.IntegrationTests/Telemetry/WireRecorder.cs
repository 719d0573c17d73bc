using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Tapko.Data.IntegrationTests.Telemetry;

/// <summary>What the <see cref="WireRecorder"/> does to one HTTP attempt instead of, or on top of, forwarding it.</summary>
public enum WireFault
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Not forwarded; answered 400 <c>ValidationException</c> (never retried by the SDK).</summary>
    Validation,

    /// <summary>Not forwarded; answered 400 <c>ThrottlingException</c> (retried by the SDK).</summary>
    Throttling,

    /// <summary>Not forwarded; answered 500 <c>InternalServerError</c> (retried by the SDK).</summary>
    InternalServerError,

    /// <summary>Not forwarded; the connection is reset while sending (retried by the SDK).</summary>
    ConnectionReset,

    /// <summary>
    /// A <c>TransactWriteItems</c> not forwarded; answered 400 <c>TransactionCanceledException</c> whose first reason is
    /// <c>TransactionConflict</c>, the others <c>None</c>: what DynamoDB says when another transaction holds an item.
    /// The SDK does not retry it; the library does, with a new SDK call.
    /// </summary>
    TransactionConflict,

    /// <summary>Forwarded and applied; the connection is then reset, so the SDK never receives the answer (and retries).</summary>
    AnswerLost,

    /// <summary>
    /// A <c>BatchWriteItem</c> or <c>BatchGetItem</c> of which only the first half (at least one item) is forwarded;
    /// the rest comes back unprocessed, as under throttling. The library resends the rest with a new SDK call.
    /// </summary>
    Unprocessed,

    /// <summary>A <c>BatchWriteItem</c> or <c>BatchGetItem</c> not forwarded; all of it comes back unprocessed.</summary>
    NothingProcessed,

    /// <summary>Held until the SDK's cancellation token fires (after <see cref="WireRecorder.OnHold"/> ran); never forwarded.</summary>
    HoldUntilCancelled,
}

/// <summary>One HTTP attempt, as the plan of faults sees it before deciding.</summary>
/// <param name="StoreOperation">The store call sending it (the ambient <c>Tapko.Data</c> span's name), or <c>?</c>.</param>
/// <param name="Operation">The DynamoDB operation, from <c>X-Amz-Target</c>.</param>
/// <param name="Invocation">1-based: which SDK invocation of <paramref name="Operation"/> this is since the plan was set.</param>
/// <param name="Attempt">
/// 1-based: which HTTP attempt of the SDK invocation this is, as the recorder counts them. (The SDK's own
/// <c>amz-sdk-request</c> header does not count every one: it resends a first attempt whose connection was reset
/// several times under <c>attempt=1</c> before its counted retries.)
/// </param>
public readonly record struct WireRequest(string StoreOperation, string Operation, int Invocation, int Attempt);

/// <summary>Capacity units in one answer, per table or index part, read or write.</summary>
public sealed record WireUnits(string Table, string? Index, bool IsWrite, double Value);

/// <summary>One HTTP attempt the SDK made and the answer it got.</summary>
/// <param name="Sequence">1-based order among every attempt the recorder saw.</param>
/// <param name="SpanId">The span of the store call that sent it, or <see langword="null"/> when no store call was running.</param>
/// <param name="StoreOperation">That span's name (<c>feedback.submit</c>), or <c>?</c>.</param>
/// <param name="Operation">The DynamoDB operation.</param>
/// <param name="InvocationId">The SDK's <c>amz-sdk-invocation-id</c>: the same for every attempt of one SDK call.</param>
/// <param name="Attempt">The SDK's attempt number of that call, from <c>amz-sdk-request</c>.</param>
/// <param name="MaxAttempts">The SDK's most attempts, from <c>amz-sdk-request</c>.</param>
/// <param name="Answer"><c>200</c>, <c>400 ConditionalCheckFailedException</c>, <c>injected ThrottlingException</c>, <c>injected reset</c>, ...</param>
/// <param name="Capacity">The <c>ConsumedCapacity</c> of the answer the SDK received (none in an error answer).</param>
/// <param name="Sent">
/// Whether it went out: <see langword="false"/> when the SDK handed it over with its cancellation token already
/// cancelled, so the HTTP handler refuses it before opening a connection and nothing leaves the process.
/// </param>
public sealed record WireExchange(
    int Sequence,
    string? SpanId,
    string StoreOperation,
    string Operation,
    string InvocationId,
    int Attempt,
    int MaxAttempts,
    string Answer,
    IReadOnlyList<WireUnits> Capacity,
    bool Sent = true);

/// <summary>
/// Sits in the SDK's HTTP pipeline (through <see cref="ClientConfig.HttpClientFactory"/>) in front of a real DynamoDB
/// Local, forwards every attempt, reads every answer, and records each: its DynamoDB operation, the SDK invocation it
/// belongs to (retries of one SDK call share <c>amz-sdk-invocation-id</c>), the store call it was sent for (the ambient
/// <c>Tapko.Data</c> span) and the capacity in the answer. By plan it answers instead of DynamoDB with a fault: the
/// error answers DynamoDB gives, a reset connection, a partial batch, a conflicting transaction.
/// </summary>
public sealed partial class WireRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<WireExchange> exchanges = new();
    private readonly ConcurrentDictionary<string, int> invocationOrdinals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> invocationsByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> attemptsByInvocation = new(StringComparer.Ordinal);
    private Func<WireRequest, WireFault>? plan;
    private int sequence;
    private int injected;

    public WireRecorder()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
    }

    /// <summary>
    /// Decides the fault of each attempt; none when <see langword="null"/>. Setting it restarts the count of
    /// <see cref="WireRequest.Invocation"/> and of <see cref="Injected"/>.
    /// </summary>
    public Func<WireRequest, WireFault>? Plan
    {
        get => Volatile.Read(ref plan);
        set
        {
            invocationOrdinals.Clear();
            invocationsByOperation.Clear();
            Interlocked.Exchange(ref injected, 0);
            Volatile.Write(ref plan, value);
        }
    }

    /// <summary>Runs when an attempt is held by <see cref="WireFault.HoldUntilCancelled"/>: the test cancels the call here.</summary>
    public Action? OnHold { get; set; }

    /// <summary>Faults injected since <see cref="Plan"/> was last set.</summary>
    public int Injected => Volatile.Read(ref injected);

    /// <summary>Every attempt so far, in the order they were sent.</summary>
    public IReadOnlyList<WireExchange> Exchanges => [.. exchanges.OrderBy(e => e.Sequence)];

    /// <summary>How many attempts were sent so far; pass it to <see cref="Since"/>.</summary>
    public int Mark => Volatile.Read(ref sequence);

    /// <summary>The attempts sent after <paramref name="mark"/>.</summary>
    public IReadOnlyList<WireExchange> Since(int mark) => [.. Exchanges.Where(e => e.Sequence > mark)];

    /// <summary>A client whose every request passes through this recorder to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">DynamoDB Local.</param>
    /// <param name="maxErrorRetry">The SDK's retries (standard mode): n retries, n + 1 counted attempts per call.</param>
    public IAmazonDynamoDB CreateClient(Uri endpoint, int maxErrorRetry)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
            RetryMode = RequestRetryMode.Standard,

            // The SDK's retry quota is shared by every client of one endpoint in the process: drained by the faults
            // here, it would cut retries short depending on what ran before. Without it a call that keeps failing
            // always makes MaxErrorRetry + 1 counted attempts.
            ThrottleRetries = false,

            // Generous: nothing here is held, except on purpose until the test cancels it.
            Timeout = TimeSpan.FromMinutes(2),
            HttpClientFactory = new Factory(this),
        };
        return new AmazonDynamoDBClient(new BasicAWSCredentials("tapkolocal", "tapkolocal"), config);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First().Split('.').Last() : "unknown";
        var invocationId = request.Headers.TryGetValues("amz-sdk-invocation-id", out var ids) ? ids.First() : $"none-{Guid.NewGuid():N}";
        var (attempt, maxAttempts) = request.Headers.TryGetValues("amz-sdk-request", out var attempts) ? ParseAttempt(attempts.First()) : (0, 0);
        var span = StoreSpan(Activity.Current);
        var storeOperation = span?.OperationName ?? "?";
        var ordinal = invocationOrdinals.GetOrAdd(invocationId, _ => invocationsByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1));
        var seen = attemptsByInvocation.AddOrUpdate(invocationId, 1, (_, n) => n + 1);
        var fault = Plan?.Invoke(new WireRequest(storeOperation, operation, ordinal, seen)) ?? WireFault.None;
        if (fault == WireFault.TransactionConflict && operation != "TransactWriteItems")
        {
            fault = WireFault.None;
        }

        if (fault is WireFault.Unprocessed or WireFault.NothingProcessed && operation is not ("BatchWriteItem" or "BatchGetItem"))
        {
            fault = WireFault.None;
        }

        if (fault != WireFault.None)
        {
            Interlocked.Increment(ref injected);
        }

        void Record(string answer, IReadOnlyList<WireUnits> capacity, bool sent = true) =>
            exchanges.Enqueue(new WireExchange(
                Interlocked.Increment(ref sequence), span?.SpanId.ToHexString(), storeOperation, operation, invocationId, attempt, maxAttempts, answer, capacity, sent));

        if (cancellationToken.IsCancellationRequested)
        {
            // What SocketsHttpHandler does with it: refuses it at once, before any connection.
            Record("cancelled before sending", [], sent: false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        switch (fault)
        {
            case WireFault.Validation:
                Record("injected ValidationException", []);
                return Error(HttpStatusCode.BadRequest, "com.amazon.coral.validate#ValidationException", "One or more parameter values were invalid (injected).");
            case WireFault.Throttling:
                Record("injected ThrottlingException", []);
                return Error(HttpStatusCode.BadRequest, "com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput (injected).");
            case WireFault.InternalServerError:
                Record("injected InternalServerError", []);
                return Error(HttpStatusCode.InternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error (injected).");
            case WireFault.ConnectionReset:
                Record("injected reset", []);
                throw new HttpRequestException(
                    "An error occurred while sending the request (injected).",
                    new IOException("Unable to read data from the transport connection: Connection reset by peer (injected).", new SocketException((int)SocketError.ConnectionReset)));
            case WireFault.TransactionConflict:
                Record("injected TransactionConflict", []);
                return await ConflictAsync(request, cancellationToken);
            case WireFault.HoldUntilCancelled:
                Record("held until cancelled", []);
                OnHold?.Invoke();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                throw new InvalidOperationException("A held request is only ever cancelled.");
            case WireFault.Unprocessed or WireFault.NothingProcessed:
                var (partial, partialBody) = await PartialBatchAsync(request, operation, keepHalf: fault == WireFault.Unprocessed, cancellationToken);
                Record(fault == WireFault.Unprocessed ? "injected half processed" : "injected nothing processed", CapacityOf(operation, partialBody));
                return partial;
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e)
        {
            Record($"transport {e.GetType().Name}", []);
            throw;
        }

        // Buffered, so the SDK still reads the whole answer after this.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = TryParse(text);
        if (fault == WireFault.AnswerLost)
        {
            // Applied by the server, but the SDK gets a reset instead: what it received carried no capacity.
            response.Dispose();
            Record($"injected answer lost ({(int)response.StatusCode})", []);
            throw new HttpRequestException(
                "An error occurred while reading the response (injected).",
                new IOException("Unable to read data from the transport connection: Connection reset by peer (injected).", new SocketException((int)SocketError.ConnectionReset)));
        }

        var answer = response.IsSuccessStatusCode
            ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
            : $"{(int)response.StatusCode} {ErrorType(body)}";
        Record(answer, CapacityOf(operation, body));
        return response;
    }

    /// <summary>The <c>Tapko.Data</c> span among <paramref name="activity"/> and its parents: the store call.</summary>
    public static Activity? StoreSpan(Activity? activity)
    {
        for (; activity is not null; activity = activity.Parent)
        {
            if (activity.Source.Name == TapkoTelemetry.ActivitySourceName)
            {
                return activity;
            }
        }

        return null;
    }

    /// <summary>
    /// The capacity in an answer, by what its <c>ConsumedCapacity</c> says: one object, or one per table for batches
    /// and transactions; per table and index part when DynamoDB splits it (<c>INDEXES</c>), else the total. Read or
    /// write units where DynamoDB names them, else all units count as the operation's kind.
    /// </summary>
    public static IReadOnlyList<WireUnits> CapacityOf(string operation, JsonNode? body)
    {
        var isWrite = operation is "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem" or "TransactWriteItems";
        var consumed = body is JsonObject o ? o["ConsumedCapacity"] : null;
        var entries = consumed switch
        {
            JsonArray array => [.. array],
            JsonObject single => new List<JsonNode?> { single },
            _ => [],
        };
        var units = new List<WireUnits>();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var table = entry["TableName"]?.GetValue<string>() ?? "?";
            void Add(string? index, JsonObject part)
            {
                var total = Number(part["CapacityUnits"]);
                var read = Number(part["ReadCapacityUnits"]) ?? (isWrite ? 0 : total ?? 0);
                var write = Number(part["WriteCapacityUnits"]) ?? (isWrite ? total ?? 0 : 0);
                if (read != 0)
                {
                    units.Add(new WireUnits(table, index, IsWrite: false, read));
                }

                if (write != 0)
                {
                    units.Add(new WireUnits(table, index, IsWrite: true, write));
                }
            }

            var split = false;
            if (entry["Table"] is JsonObject tablePart)
            {
                Add(null, tablePart);
                split = true;
            }

            foreach (var indexes in new[] { entry["GlobalSecondaryIndexes"], entry["LocalSecondaryIndexes"] })
            {
                if (indexes is JsonObject byName)
                {
                    split = true;
                    foreach (var (name, part) in byName)
                    {
                        if (part is JsonObject indexPart)
                        {
                            Add(name, indexPart);
                        }
                    }
                }
            }

            if (!split)
            {
                Add(null, entry);
            }
        }

        return units;
    }

    private static double? Number(JsonNode? node) => node?.GetValue<double>();

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string ErrorType(JsonNode? body) =>
        (body is JsonObject o ? o["__type"]?.GetValue<string>() : null)?.Split('#').Last() ?? "unknown";

    private static (int Attempt, int Max) ParseAttempt(string header)
    {
        var match = AttemptHeader().Match(header);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : (0, 0);
    }

    [GeneratedRegex(@"attempt=(\d+);\s*max=(\d+)")]
    private static partial Regex AttemptHeader();

    private static async Task<HttpResponseMessage> ConflictAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var actions = body["TransactItems"]!.AsArray().Count;
        var reasons = new JsonArray();
        for (var i = 0; i < actions; i++)
        {
            reasons.Add(i == 0
                ? new JsonObject { ["Code"] = "TransactionConflict", ["Message"] = "Transaction is ongoing for the item (injected)." }
                : new JsonObject { ["Code"] = "None" });
        }

        return Json(HttpStatusCode.BadRequest, new JsonObject
        {
            ["__type"] = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
            ["Message"] = "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict] (injected)",
            ["CancellationReasons"] = reasons,
        }.ToJsonString());
    }

    /// <summary>Forwards the first half of a batch (at least one item), or nothing, and answers the rest as unprocessed.</summary>
    private async Task<(HttpResponseMessage Response, JsonNode? Body)> PartialBatchAsync(HttpRequestMessage request, string operation, bool keepHalf, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var items = body["RequestItems"]!.AsObject();
        var unprocessed = new JsonObject();
        foreach (var (table, node) in items.ToList())
        {
            // BatchWriteItem: an array of writes per table; BatchGetItem: { Keys: [...], ConsistentRead, ... } per table.
            var list = operation == "BatchWriteItem" ? node!.AsArray() : node!["Keys"]!.AsArray();
            var keep = keepHalf ? Math.Max(1, list.Count / 2) : 0;
            var rest = new JsonArray();
            while (list.Count > keep)
            {
                var last = list[^1]!;
                list.RemoveAt(list.Count - 1);
                rest.Insert(0, last);
            }

            if (list.Count == 0)
            {
                items.Remove(table);
            }

            if (rest.Count == 0)
            {
                continue;
            }

            if (operation == "BatchWriteItem")
            {
                unprocessed[table] = rest;
            }
            else
            {
                var left = node.DeepClone().AsObject();
                left["Keys"] = rest;
                unprocessed[table] = left;
            }
        }

        var unprocessedName = operation == "BatchWriteItem" ? "UnprocessedItems" : "UnprocessedKeys";
        if (items.Count == 0)
        {
            var none = new JsonObject { [unprocessedName] = unprocessed };
            if (operation == "BatchGetItem")
            {
                none["Responses"] = new JsonObject();
            }

            return (Json(HttpStatusCode.OK, none.ToJsonString()), none);
        }

        // DynamoDB Local does not check signatures, so the shortened body can go out under the original headers.
        using var forwarded = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        foreach (var header in request.Headers)
        {
            forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await base.SendAsync(forwarded, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (Json(response.StatusCode, text), TryParse(text));
        }

        var answer = JsonNode.Parse(text)!.AsObject();
        answer[unprocessedName] = unprocessed;
        return (Json(HttpStatusCode.OK, answer.ToJsonString()), answer);
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message) =>
        Json(status, new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
    {
        // No x-amz-crc32 header: the SDK checks it only when present.
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0") };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString("N"));
        return response;
    }

    /// <summary>Hands the SDK an <see cref="HttpClient"/> over the recorder, with the client's timeout, as the SDK's own factory does.</summary>
    private sealed class Factory(WireRecorder recorder) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(recorder, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromMinutes(2) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
