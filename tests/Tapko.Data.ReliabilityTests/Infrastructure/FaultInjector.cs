using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>One request as the injector sees it: the DynamoDB operation and how many of that operation came before.</summary>
/// <param name="Operation">The operation name from <c>X-Amz-Target</c>, e.g. <c>PutItem</c>.</param>
/// <param name="Sequence">The 1-based number of this request among all requests the injector saw.</param>
/// <param name="OperationSequence">The 1-based number of this request among requests of the same operation.</param>
/// <param name="Body">The request's JSON body, when the injector <see cref="FaultInjector.InspectsBodies"/>; else <see langword="null"/>.</param>
public readonly record struct RequestInfo(string Operation, int Sequence, int OperationSequence, string? Body = null);

/// <summary>
/// Sits in the SDK's HTTP pipeline (through <see cref="ClientConfig.HttpClientFactory"/>) in front of a real DynamoDB
/// Local and injects faults by plan: error answers, connection resets, lost and slow answers, partial batches. It
/// counts every request the SDK sends, so a test can prove that bad input was refused before anything was sent.
/// </summary>
public sealed class FaultInjector : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> requestsByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> forwardedByOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Fault, int> injected = new();
    private int requests;

    public FaultInjector()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
    }

    /// <summary>Decides the fault of each request; no fault when <see langword="null"/>. Called concurrently.</summary>
    public Func<RequestInfo, Fault>? Plan { get; set; }

    /// <summary>For <see cref="Fault.UnprocessedItems"/>: how many of a batch's <c>n</c> writes to forward (the rest come back unprocessed).</summary>
    public Func<int, int> ProcessedOfBatch { get; set; } = n => n / 2;

    /// <summary>
    /// Whether injected faults count in the run's figures. Off for a client used only to prove that bad input sends
    /// nothing, whose every request fails on purpose.
    /// </summary>
    public bool CountsAsFault { get; init; } = true;

    /// <summary>
    /// Whether <see cref="Plan"/> sees each request's body (<see cref="RequestInfo.Body"/>), to fault requests by the
    /// item they address rather than by their order. Off by default: reading the body costs a copy.
    /// </summary>
    public bool InspectsBodies { get; init; }

    /// <summary>
    /// Shown every answer DynamoDB Local gave to a forwarded request (status and body), also when a fault then loses
    /// it; <see langword="null"/> by default. Called concurrently. Needs <see cref="InspectsBodies"/> for the request's body.
    /// </summary>
    public Action<RequestInfo, HttpStatusCode, string>? Observe { get; set; }

    /// <summary>Every HTTP request the SDK sent, retries included.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Requests that reached DynamoDB Local (so could have been applied).</summary>
    public int Forwarded => forwardedByOperation.Values.Sum();

    /// <summary>Faults injected so far, all kinds.</summary>
    public int FaultsInjected => injected.Values.Sum();

    public int RequestsOf(string operation) => requestsByOperation.GetValueOrDefault(operation);

    public int ForwardedOf(string operation) => forwardedByOperation.GetValueOrDefault(operation);

    public int InjectedOf(Fault fault) => injected.GetValueOrDefault(fault);

    public IReadOnlyDictionary<Fault, int> Injected => new Dictionary<Fault, int>(injected);

    /// <summary>
    /// The client's per-attempt timeout. It only turns a hung DynamoDB Local into a failure: a genuine request on a
    /// loaded machine must never reach it, or the SDK would retry it and a test meant to see one fault would see more.
    /// The slow faults do not wait for it; they time out at once (<see cref="TimedOut"/>).
    /// </summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A client whose every request passes through this injector to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">DynamoDB Local.</param>
    /// <param name="maxErrorRetry">The SDK's retries (standard mode), like <see cref="TapkoStoreOptions.MaxErrorRetry"/>.</param>
    public IAmazonDynamoDB CreateClient(Uri endpoint, int maxErrorRetry = 3)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
            RetryMode = RequestRetryMode.Standard,
            Timeout = AttemptTimeout,
            HttpClientFactory = new Factory(this),
        };
        return new AmazonDynamoDBClient(new BasicAWSCredentials("tapkolocal", "tapkolocal"), config);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets)
            ? targets.First().Split('.').Last()
            : "unknown";
        var sequence = Interlocked.Increment(ref requests);
        var operationSequence = requestsByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        string? body = null;
        if (InspectsBodies && request.Content is not null)
        {
            // Buffered, so the content can still be sent after it has been read here.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var info = new RequestInfo(operation, sequence, operationSequence, body);
        var fault = Plan?.Invoke(info) ?? Fault.None;
        if (fault == Fault.UnprocessedItems && operation != "BatchWriteItem")
        {
            fault = Fault.None;
        }

        if (fault != Fault.None)
        {
            injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
            if (CountsAsFault)
            {
                ReliabilityTally.Fault(fault);
            }
        }

        switch (fault)
        {
            case Fault.ProvisionedThroughputExceeded:
                return Error(HttpStatusCode.BadRequest, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded (injected).");
            case Fault.Throttling:
                return Error(HttpStatusCode.BadRequest, "com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput (injected).");
            case Fault.InternalServerError:
                return Error(HttpStatusCode.InternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error (injected).");
            case Fault.ServiceUnavailable:
                return Error(HttpStatusCode.ServiceUnavailable, "com.amazon.coral.availability#ServiceUnavailableException", "Service unavailable (injected).");
            case Fault.ConnectionReset:
                throw Reset("sending the request");
            case Fault.SlowBeforeApply:
                throw TimedOut();
            case Fault.UnprocessedItems:
                return await PartialBatchAsync(request, cancellationToken);
        }

        forwardedByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var response = await base.SendAsync(request, cancellationToken);
        if (Observe is { } observe)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            observe(info, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        switch (fault)
        {
            case Fault.ResponseLostAfterApply:
                // Read it all first so the server has certainly finished, then drop it as a reset connection would.
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.Dispose();
                throw Reset("reading the response");
            case Fault.SlowAfterApply:
                // Read it all first so the server has certainly applied the request, then lose the answer to a timeout.
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.Dispose();
                throw TimedOut();
        }

        return response;
    }

    private async Task<HttpResponseMessage> PartialBatchAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var items = body["RequestItems"]!.AsObject();
        var unprocessed = new JsonObject();
        foreach (var (table, writesNode) in items.ToList())
        {
            var writes = writesNode!.AsArray();
            var keep = Math.Clamp(ProcessedOfBatch(writes.Count), 0, writes.Count);
            var rest = new JsonArray();
            while (writes.Count > keep)
            {
                var last = writes[^1]!;
                writes.RemoveAt(writes.Count - 1);
                rest.Insert(0, last);
            }

            if (rest.Count > 0)
            {
                unprocessed[table] = rest;
            }

            if (writes.Count == 0)
            {
                items.Remove(table);
            }
        }

        JsonObject answer;
        if (items.Count > 0)
        {
            // DynamoDB Local does not check signatures, so the shortened body can go out under the original headers.
            var forwarded = new HttpRequestMessage(request.Method, request.RequestUri)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
            };
            foreach (var header in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            forwardedByOperation.AddOrUpdate("BatchWriteItem", 1, (_, n) => n + 1);
            using var response = await base.SendAsync(forwarded, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Json(response.StatusCode, text);
            }

            answer = JsonNode.Parse(text)!.AsObject();
        }
        else
        {
            answer = new JsonObject();
        }

        answer["UnprocessedItems"] = unprocessed;
        return Json(HttpStatusCode.OK, answer.ToJsonString());
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

    /// <summary>
    /// Exactly what <see cref="HttpClient"/> throws when its <see cref="HttpClient.Timeout"/> elapses (the caller's own
    /// token not cancelled): a <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>. The SDK
    /// rethrows the inner <see cref="TimeoutException"/> and retries it as transient; after its last retry the call
    /// fails with it. Thrown at once rather than by holding the request past a real timeout, so that no verdict
    /// depends on a real delay outlasting a real timeout, nor on genuine requests of a busy machine staying under one.
    /// </summary>
    private static TaskCanceledException TimedOut() =>
        new("The request was canceled due to the configured HttpClient.Timeout elapsing (injected).", new TimeoutException("The operation was canceled (injected)."));

    private static HttpRequestException Reset(string while_) =>
        new($"An error occurred while {while_} (injected).", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));

    /// <summary>
    /// Hands the SDK an <see cref="HttpClient"/> over the injector. Like the SDK's own factory it applies the client's
    /// <see cref="ClientConfig.Timeout"/> to the <see cref="HttpClient"/>.
    /// </summary>
    private sealed class Factory(FaultInjector injector) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(injector, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
