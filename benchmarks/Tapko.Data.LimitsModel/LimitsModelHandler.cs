using System.Text.Json;
using Amazon.DynamoDBv2;

namespace Tapko.Data.LimitsModel;

/// <summary>
/// Sits in the SDK's HTTP pipeline (below the SDK's retry handler, like the reliability suite's fault injector) in
/// front of DynamoDB Local, and adds what DynamoDB Local does not model: a token bucket per partition key of the table
/// and of each index, fed by the capacity each answer reports, and conflicts between transactions in flight on the
/// same item. A request past a limit is answered here and never forwarded, so it has no effect, as on DynamoDB; the
/// SDK then retries throttles with its own backoff and the library retries conflicts, exactly as against AWS.
/// </summary>
public sealed class LimitsModelHandler : DelegatingHandler
{
    private readonly Lock gate = new();
    private readonly PartitionLimits limits;
    private readonly TransactionLocks locks = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> requestsByOperation = new(StringComparer.Ordinal);
    private long requests;
    private long forwarded;
    private long throttled;
    private long transactionConflicts;
    private long writeConflicts;

    /// <summary>A model forwarding to <paramref name="inner"/> (a fresh socket handler by default).</summary>
    /// <param name="options">The limits; DynamoDB's documented ones by default.</param>
    /// <param name="timeProvider">The clock buckets refill by and latencies wait on; the system clock by default.</param>
    /// <param name="inner">Where admitted requests go; tests pass a stub.</param>
    public LimitsModelHandler(LimitsModelOptions? options = null, TimeProvider? timeProvider = null, HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Options = options ?? new LimitsModelOptions();
        Options.Validate();
        time = timeProvider ?? TimeProvider.System;
        origin = time.GetTimestamp();
        limits = new PartitionLimits(Options);
    }

    /// <summary>The limits this model enforces.</summary>
    public LimitsModelOptions Options { get; }

    /// <summary>
    /// Awaited after a request is admitted (its items held, its units reserved) and before it is forwarded: a test
    /// seam to keep a transaction in flight while another one arrives.
    /// </summary>
    public Func<ModelledRequest, CancellationToken, Task>? BeforeForwarding { get; set; }

    /// <summary>Called (concurrently) whenever the model answers a request itself.</summary>
    public Action<ModelledRequest, ModelRefusal>? OnRefused { get; set; }

    /// <summary>Model seconds since the model was created.</summary>
    public double Now => time.GetElapsedTime(origin).TotalSeconds / Options.TimeScale;

    /// <summary>The counts so far.</summary>
    public LimitsModelStats Stats => new(
        Interlocked.Read(ref requests),
        Interlocked.Read(ref forwarded),
        Interlocked.Read(ref throttled),
        Interlocked.Read(ref transactionConflicts),
        Interlocked.Read(ref writeConflicts));

    /// <summary>HTTP requests of one operation (e.g. <c>TransactWriteItems</c>) the SDK sent through the model, retries included.</summary>
    public long RequestsOf(string operation) => requestsByOperation.GetValueOrDefault(operation);

    /// <summary>Units a partition key's bucket holds now.</summary>
    public double Balance(PartitionRef partition, bool write)
    {
        lock (gate)
        {
            return limits.Balance(partition, write, Now);
        }
    }

    /// <summary>Units settled so far per partition key and kind (write = <see langword="true"/>).</summary>
    public Dictionary<(PartitionRef Partition, bool Write), double> ConsumedUnits()
    {
        lock (gate)
        {
            return new(limits.Consumed);
        }
    }

    /// <summary>A client whose every request passes through this model to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">DynamoDB Local.</param>
    /// <param name="configure">Changes to the client's configuration (retries, timeout).</param>
    public IAmazonDynamoDB CreateClient(Uri endpoint, Action<AmazonDynamoDBConfig>? configure = null) =>
        ModelledClient.Create(this, endpoint, configure);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        Interlocked.Increment(ref requests);
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First().Split('.').Last() : "unknown";
        requestsByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        var modelled = ModelledRequest.Unlimited(operation);
        if (request.Content is not null)
        {
            // Buffered, so the same content can still be forwarded after it is read here.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            modelled = RequestParser.Parse(operation, await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), Options.Schema);
        }

        if (!modelled.IsLimited)
        {
            Interlocked.Increment(ref forwarded);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var (refusal, answer) = Admit(modelled);
        if (refusal is { } why)
        {
            OnRefused?.Invoke(modelled, why);
            await PadAsync(started, Options.RequestLatency, cancellationToken).ConfigureAwait(false);
            return answer!;
        }

        var settled = false;
        try
        {
            if (BeforeForwarding is { } hook)
            {
                await hook(modelled, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref forwarded);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await SettleAsync(modelled, response, cancellationToken).ConfigureAwait(false);
            settled = true;
            await PadAsync(started, modelled.IsTransaction ? Options.TransactionLatency : Options.RequestLatency, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch when (!settled)
        {
            // Not known to have been applied or not: keep the units as spent, as DynamoDB would have charged them.
            lock (gate)
            {
                limits.Settle(modelled.Charges, modelled.Charges, Now);
            }

            throw;
        }
        finally
        {
            if (modelled.IsTransaction)
            {
                lock (gate)
                {
                    locks.Release(modelled);
                }
            }
        }
    }

    /// <summary>Throttle first, then conflicts: a request refused for either is neither held nor charged.</summary>
    private (ModelRefusal?, HttpResponseMessage?) Admit(ModelledRequest modelled)
    {
        lock (gate)
        {
            var now = Now;
            if (limits.TryAdmit(modelled.Charges, now) is { } refused)
            {
                Interlocked.Increment(ref throttled);
                return (ModelRefusal.Throttled, ErrorAnswers.Throttle(Options.ThrottleAnswer, refused));
            }

            if (modelled.Operation != "BatchWriteItem" && modelled.IsWrite && locks.Conflicts(modelled) is { Count: > 0 } conflicting)
            {
                limits.Refund(modelled.Charges, now);
                if (modelled.IsTransaction)
                {
                    Interlocked.Increment(ref transactionConflicts);
                    return (ModelRefusal.TransactionConflict, ErrorAnswers.TransactionConflict(modelled.ActionCount, conflicting));
                }

                Interlocked.Increment(ref writeConflicts);
                return (ModelRefusal.WriteConflict, ErrorAnswers.WriteConflict());
            }

            if (modelled.IsTransaction)
            {
                locks.Hold(modelled);
            }

            return (null, null);
        }
    }

    /// <summary>
    /// Replaces the reservation by the units the answer reports. An error answer (a failed condition, a cancelled
    /// transaction) reports none: its estimate stays spent, as DynamoDB charges a failed conditional write.
    /// </summary>
    private async Task SettleAsync(ModelledRequest modelled, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        List<Charge> actual = modelled.Charges.ToList();
        if (response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            actual = CapacityAttribution.Attribute(modelled, json.RootElement, Options.Schema);
        }

        lock (gate)
        {
            limits.Settle(modelled.Charges, actual, Now);
        }
    }

    /// <summary>Holds the answer until <paramref name="latency"/> (model time) has passed since the request arrived.</summary>
    private Task PadAsync(long started, TimeSpan latency, CancellationToken cancellationToken)
    {
        var remaining = (latency * Options.TimeScale) - time.GetElapsedTime(started);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time, cancellationToken) : Task.CompletedTask;
    }
}
