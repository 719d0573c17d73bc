using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
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

    public async Task<GetItemResponse> GetItemAsync(OperationScope scope, GetItemRequest request, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        scope.Record("GetItem", isWrite: false, [response.ConsumedCapacity]);
        return response;
    }

    public async Task<QueryResponse> QueryAsync(OperationScope scope, QueryRequest request, CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.IndexName is not null)
        {
            scope.Tag(TapkoTelemetry.IndexTag, request.IndexName);
        }

        scope.Tag(TagNames.ConsistentRead, request.ConsistentRead ?? false);
        scope.Tag(TagNames.Limit, request.Limit);
        scope.Tag(TagNames.ScanForward, request.ScanIndexForward ?? true);
        scope.Tag(TagNames.Count, response.Count);
        scope.Tag(TagNames.ScannedCount, response.ScannedCount);
        scope.Record("Query", isWrite: false, [response.ConsumedCapacity]);
        return response;
    }

    public Task<WriteOutcome<PutItemResponse>> PutItemAsync(OperationScope scope, PutItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "PutItem", () => client.PutItemAsync(request, cancellationToken), r => r.ConsumedCapacity);

    public Task<WriteOutcome<UpdateItemResponse>> UpdateItemAsync(OperationScope scope, UpdateItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "UpdateItem", () => client.UpdateItemAsync(request, cancellationToken), r => r.ConsumedCapacity);

    public Task<WriteOutcome<DeleteItemResponse>> DeleteItemAsync(OperationScope scope, DeleteItemRequest request, CancellationToken cancellationToken) =>
        WriteAsync(scope, "DeleteItem", () => client.DeleteItemAsync(request, cancellationToken), r => r.ConsumedCapacity);

    public async Task<BatchGetItemResponse> BatchGetItemAsync(OperationScope scope, BatchGetItemRequest request, CancellationToken cancellationToken)
    {
        var response = await client.BatchGetItemAsync(request, cancellationToken).ConfigureAwait(false);
        scope.Record("BatchGetItem", isWrite: false, response.ConsumedCapacity);
        return response;
    }

    public async Task<BatchWriteItemResponse> BatchWriteItemAsync(OperationScope scope, BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        var response = await client.BatchWriteItemAsync(request, cancellationToken).ConfigureAwait(false);
        scope.Record("BatchWriteItem", isWrite: true, response.ConsumedCapacity);
        return response;
    }

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
                var response = await client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("TransactWriteItems", isWrite: true, response.ConsumedCapacity);
                return TransactOutcome.Done;
            }
            catch (TransactionCanceledException e) when (IsConflictOnly(e) && attempt < transactionAttempts)
            {
                // A cancelled transaction's answer carries no capacity.
                scope.Record("TransactWriteItems", isWrite: true, null);
                await DelayBeforeRetryAsync(scope.Operation, "a transaction conflict", attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException e) when (!IsConflictOnly(e))
            {
                scope.Record("TransactWriteItems", isWrite: true, null);
                return TransactOutcome.Of(e);
            }
            catch (TransactionCanceledException e)
            {
                // Still conflicting after every attempt: a retryable condition of the moment, not a refusal of the data.
                scope.Record("TransactWriteItems", isWrite: true, null);
                throw new WriteContentionException(scope.Operation, attempt, e);
            }
        }
    }

    /// <summary>Waits before a retry the library owns (exponential backoff with full jitter, capped) and logs it.</summary>
    public Task DelayBeforeRetryAsync(string operation, string reason, int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(2_000, 25 * Math.Pow(2, attempt)));
        Log.Retrying(logger, operation, table, reason, attempt + 1, (long)delay.TotalMilliseconds);
        return Task.Delay(delay, time, cancellationToken);
    }

    private static async Task<WriteOutcome<TResponse>> WriteAsync<TResponse>(
        OperationScope scope,
        string operation,
        Func<Task<TResponse>> send,
        Func<TResponse, ConsumedCapacity> capacity)
        where TResponse : class
    {
        try
        {
            var response = await send().ConfigureAwait(false);
            scope.Record(operation, isWrite: true, [capacity(response)]);
            return WriteOutcome<TResponse>.Done(response);
        }
        catch (ConditionalCheckFailedException e)
        {
            // The exception carries no capacity, though DynamoDB charges for a failed condition.
            scope.Record(operation, isWrite: true, null);
            return WriteOutcome<TResponse>.Blocked(e);
        }
    }

    /// <summary>Whether DynamoDB cancelled the transaction only because another one held its items.</summary>
    private static bool IsConflictOnly(TransactionCanceledException e) =>
        e.CancellationReasons is { Count: > 0 } reasons
        && reasons.Any(r => r?.Code == "TransactionConflict")
        && reasons.All(r => r?.Code is null or "None" or "TransactionConflict");
}
