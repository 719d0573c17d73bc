using Microsoft.Extensions.Logging;

namespace Tapko.Data.Requests;

/// <summary>
/// The one path every DynamoDB request takes: it sends, then records on the store call's <see cref="OperationScope"/>
/// the request's operation, whether it reads or writes, the capacity it consumed and, for queries, OpenTelemetry's
/// query attributes. Conditional writes come back as outcomes rather than exceptions, so a store decides what a
/// blocking item means without a try/catch of its own.
/// </summary>
internal sealed class RequestSender(IAmazonDynamoDB client, ILogger logger, TimeProvider time, string table, int transactionAttempts)
{
    public IAmazonDynamoDB Client => client;

    public Task<GetItemResponse> GetItemAsync(OperationScope scope, GetItemRequest request, CancellationToken cancellationToken) =>
        SendAsync(scope, "GetItem", isWrite: false, () => client.GetItemAsync(request, cancellationToken), r => [r.ConsumedCapacity], cancellationToken);

    public async Task<QueryResponse> QueryAsync(OperationScope scope, QueryRequest request, CancellationToken cancellationToken)
    {
        if (request.IndexName is not null)
        {
            scope.Tag(TapkoTelemetry.IndexTag, request.IndexName);
        }

        scope.Tag(TagNames.ConsistentRead, request.ConsistentRead ?? false);
        scope.Tag(TagNames.Limit, request.Limit);
        scope.Tag(TagNames.ScanForward, request.ScanIndexForward ?? true);
        var response = await SendAsync(scope, "Query", isWrite: false, () => client.QueryAsync(request, cancellationToken), r => [r.ConsumedCapacity],
            cancellationToken).ConfigureAwait(false);

        // A merged page sends one Query per shard: its span shows what all of them returned and read.
        scope.AddToTag(TagNames.Count, response.Count ?? 0);
        scope.AddToTag(TagNames.ScannedCount, response.ScannedCount ?? 0);
        return response;
    }

    public Task<WriteOutcome<PutItemResponse>> PutItemAsync(OperationScope scope, PutItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "PutItem", () => client.PutItemAsync(request, cancellationToken), r => r.ConsumedCapacity, cancellationToken);

    public Task<WriteOutcome<UpdateItemResponse>> UpdateItemAsync(OperationScope scope, UpdateItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "UpdateItem", () => client.UpdateItemAsync(request, cancellationToken), r => r.ConsumedCapacity, cancellationToken);

    public Task<WriteOutcome<DeleteItemResponse>> DeleteItemAsync(OperationScope scope, DeleteItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "DeleteItem", () => client.DeleteItemAsync(request, cancellationToken), r => r.ConsumedCapacity, cancellationToken);

    /// <summary>
    /// Reads every item of <paramref name="keys"/> (any number; 100 a request), asking again for what DynamoDB returned
    /// unprocessed, with backoff, up to <paramref name="maxAttempts"/> times; then throttling surfaces as DynamoDB's own.
    /// </summary>
    public async Task<List<Dictionary<string, AttributeValue>>> BatchGetAllAsync(
        OperationScope scope, string tableName, IReadOnlyList<Dictionary<string, AttributeValue>> keys, bool consistent, int maxAttempts,
            CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>(keys.Count);
        foreach (var chunk in keys.Chunk(100))
        {
            var request = new BatchGetItemRequest
            {
                RequestItems = new() { [tableName] = new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = consistent } },
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            };
            items.AddRange(await BatchGetAllAsync(scope, request, maxAttempts, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    /// <summary>
    /// Reads what one <c>BatchGetItem</c> asks for (one table, at most 100 keys), asking again for what DynamoDB
    /// returned unprocessed, as the overload by keys does.
    /// </summary>
    public async Task<List<Dictionary<string, AttributeValue>>> BatchGetAllAsync(OperationScope scope, BatchGetItemRequest request, int maxAttempts,
        CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var (left, attempts) = await UntilProcessedAsync(scope, "unprocessed reads", maxAttempts, async () =>
        {
            var response = await SendAsync(scope, "BatchGetItem", isWrite: false, () => client.BatchGetItemAsync(request, cancellationToken),
                r => r.ConsumedCapacity, cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Responses?.Values.SelectMany(i => i) ?? []);
            request = new BatchGetItemRequest { RequestItems = response.UnprocessedKeys, ReturnConsumedCapacity = request.ReturnConsumedCapacity };
            return response.UnprocessedKeys?.Values.Sum(k => k?.Keys?.Count ?? 0) ?? 0;
        }, cancellationToken).ConfigureAwait(false);
        return left == 0 ? items : throw new ProvisionedThroughputExceededException($"{left} items stayed unprocessed after {attempts} attempts.");
    }

    /// <summary>
    /// Sends <paramref name="request"/>, then only what DynamoDB left unprocessed, with backoff, up to
    /// <paramref name="maxAttempts"/> sends; returns how many writes were still unprocessed then (0 when all went).
    /// </summary>
    public async Task<(int Left, int Attempts)> BatchWriteAllAsync(OperationScope scope, BatchWriteItemRequest request, int maxAttempts,
        CancellationToken cancellationToken) =>
        await UntilProcessedAsync(scope, "unprocessed writes", maxAttempts, async () =>
        {
            var response = await SendAsync(scope, "BatchWriteItem", isWrite: true, () => client.BatchWriteItemAsync(request, cancellationToken),
                r => r.ConsumedCapacity, cancellationToken).ConfigureAwait(false);
            request = new BatchWriteItemRequest { RequestItems = response.UnprocessedItems, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES };
            return response.UnprocessedItems?.Values.Sum(v => v?.Count ?? 0) ?? 0;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sends a transaction, resending it (same request token, so it applies once) while DynamoDB cancels it only for a
    /// conflict with a concurrent transaction on the same items; any other cancellation is returned for the store to read.
    /// </summary>
    public async Task<TransactOutcome> TransactWriteItemsAsync(OperationScope scope, TransactWriteItemsRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(scope, "TransactWriteItems", isWrite: true, () => client.TransactWriteItemsAsync(request, cancellationToken),
                    r => r.ConsumedCapacity, cancellationToken).ConfigureAwait(false);
                return TransactOutcome.Done;
            }
            catch (TransactionCanceledException e) when (IsConflictOnly(e) && attempt < transactionAttempts)
            {
                await DelayBeforeRetryAsync(scope.Operation, "a transaction conflict", attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException e) when (!IsConflictOnly(e))
            {
                return TransactOutcome.Of(e);
            }
            catch (TransactionCanceledException e)
            {
                // Still conflicting after every attempt: a retryable condition of the moment, not a refusal of the data.
                throw new WriteContentionException(scope.Operation, attempt, e);
            }
        }
    }

    /// <summary>Waits before a retry the library owns (exponential backoff with full jitter, capped) and logs it.</summary>
    private Task DelayBeforeRetryAsync(string operation, string reason, int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(2_000, 25 * Math.Pow(2, attempt)));
        Log.Retrying(logger, operation, table, reason, attempt + 1, (long)delay.TotalMilliseconds);
        return Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>
    /// Sends a batch (<paramref name="send"/> sends the latest request and returns how many of its items DynamoDB left
    /// unprocessed) until nothing is left or <paramref name="maxAttempts"/> sends were made. Unprocessed items mean the
    /// table is throttling, so every resend waits first.
    /// </summary>
    private async Task<(int Left, int Attempts)> UntilProcessedAsync(OperationScope scope, string what, int maxAttempts, Func<Task<int>> send,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var left = await send().ConfigureAwait(false);
            if (left == 0 || attempt >= maxAttempts)
            {
                return (left, attempt);
            }

            await DelayBeforeRetryAsync(scope.Operation, $"{left} {what}", attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<WriteOutcome<TResponse>> WriteAsync<TResponse>(
        OperationScope scope,
        string operation,
        Func<Task<TResponse>> send,
        Func<TResponse, ConsumedCapacity> capacity,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return WriteOutcome<TResponse>.Done(await SendAsync(scope, operation, isWrite: true, send, r => [capacity(r)],
                cancellationToken).ConfigureAwait(false));
        }
        catch (ConditionalCheckFailedException e)
        {
            return WriteOutcome<TResponse>.Blocked(e);
        }
    }

    /// <summary>
    /// Sends one request and records it on the call's scope exactly once, whatever comes back: the capacity of an
    /// answer, or, for any failure (a failed condition, a cancelled transaction, an idempotency mismatch, a validation
    /// error, throttling past the SDK's retries, a transport fault), the request alone: DynamoDB's error answers carry
    /// no capacity. The SDK's own retries of a throttled or failed attempt are part of this one request. A call already
    /// cancelled sends nothing and records nothing: the SDK would hand the request to its HTTP handler, which refuses
    /// a cancelled token before connecting, so no request would leave the process (and none was counted as one).
    /// </summary>
    private static async Task<TResponse> SendAsync<TResponse>(
        OperationScope scope,
        string operation,
        bool isWrite,
        Func<Task<TResponse>> send,
        Func<TResponse, IEnumerable<ConsumedCapacity>?> capacity,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TResponse response;
        try
        {
            response = await send().ConfigureAwait(false);
        }
        catch (Exception) when (RecordFailed(scope, operation, isWrite))
        {
            throw;
        }

        scope.Record(operation, isWrite, capacity(response));
        return response;
    }

    /// <summary>Records a request whose answer was a failure; never catches it (an exception filter that returns false).</summary>
    private static bool RecordFailed(OperationScope scope, string operation, bool isWrite)
    {
        scope.Record(operation, isWrite, null);
        return false;
    }

    /// <summary>Whether DynamoDB cancelled the transaction only because another one held its items.</summary>
    private static bool IsConflictOnly(TransactionCanceledException e) =>
        e.CancellationReasons is { Count: > 0 } reasons
        && reasons.Any(r => r?.Code == "TransactionConflict")
        && reasons.All(r => r?.Code is null or "None" or "TransactionConflict");
}
