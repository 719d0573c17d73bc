using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tapko.Data.Internal;

namespace Tapko.Data;

/// <summary>What both stores share: the client, a validated copy of the options, the token codec and the clock.</summary>
internal sealed class TapkoContext
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "Throttling",
    };

    public TapkoContext(IAmazonDynamoDB client, TapkoStoreOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Client = client;
        Options = options.Snapshot();
        Cursors = new ContinuationTokenCodec(Options.CursorSigningKey);
        Time = timeProvider ?? TimeProvider.System;
        Logger = (ILogger?)loggerFactory?.CreateLogger("Tapko.Data") ?? NullLogger.Instance;
        Owners = new ProjectOwners(client, Options.TableName, Time, Options.ProjectOwnerCacheSize, Options.ProjectOwnerCacheLifetime);
    }

    /// <summary>Who holds each project id; shared by both stores so a create or delete updates what submits see.</summary>
    public ProjectOwners Owners { get; }

    public ILogger Logger { get; }

    public IAmazonDynamoDB Client { get; }

    public TapkoStoreOptions Options { get; }

    public string Table => Options.TableName;

    public ContinuationTokenCodec Cursors { get; }

    public TimeProvider Time { get; }

    /// <summary>Now, truncated to the millisecond the table stores, so a returned object equals what a later read gives.</summary>
    public DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Runs one store call inside its telemetry scope; a failure is recorded on the span and rethrown untouched.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<OperationScope, Task<T>> body)
    {
        using var scope = new OperationScope(operation, Table);
        try
        {
            return await body(scope).ConfigureAwait(false);
        }
        catch (Exception e) when (Record(scope, operation, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> against the claim on <paramref name="projectId"/>: the caller's own when
    /// <paramref name="owner"/> is given, whoever's otherwise. Without one it returns <paramref name="missing"/>, exactly
    /// as for an id nobody holds. When the body finds a cached claim stale it reads the claim again and runs once more.
    /// </summary>
    /// <param name="scope">The store call.</param>
    /// <param name="projectId">The project id.</param>
    /// <param name="owner">The caller, or <see langword="null"/> for an anonymous caller that knows only the id.</param>
    /// <param name="body">The call's request(s), given the claim and whether it was just read (and so cannot be stale).</param>
    /// <param name="missing">The answer for a project that does not exist; may throw.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<T> WithClaimAsync<T>(
        OperationScope scope,
        ProjectId projectId,
        UserId? owner,
        Func<ProjectClaim, bool, Task<T>> body,
        Func<T> missing,
        CancellationToken cancellationToken)
    {
        var resolved = owner is { } caller
            ? await Owners.OfOwnerAsync(new ProjectKey(caller, projectId), scope, cancellationToken).ConfigureAwait(false)
            : await Owners.OfProjectAsync(projectId, scope, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
        {
            return missing();
        }

        try
        {
            return await body(resolved.Claim, !resolved.FromCache).ConfigureAwait(false);
        }
        catch (StaleClaimException) when (resolved.FromCache)
        {
            // Read below; the claim was cached before the project was deleted or re-created elsewhere.
        }

        var fresh = await Owners.RefreshAsync(projectId, scope, cancellationToken).ConfigureAwait(false);
        if (fresh is null || (owner is { } expected && fresh.Owner != expected))
        {
            return missing();
        }

        try
        {
            return await body(fresh, true).ConfigureAwait(false);
        }
        catch (StaleClaimException)
        {
            // Changed again between the read and the request: a delete racing this call. Missing is a true answer.
            return missing();
        }
    }

    /// <summary>
    /// Sends a transaction, resending it (same request token, so it applies once) while DynamoDB cancels it for a
    /// conflict with a concurrent transaction on the same items. Any other cancellation is the caller's to interpret.
    /// </summary>
    public async Task<TransactWriteItemsResponse> TransactAsync(OperationScope scope, TransactWriteItemsRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await Client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("TransactWriteItems", isWrite: true, response.ConsumedCapacity);
                return response;
            }
            catch (TransactionCanceledException e) when (IsConflictOnly(e) && attempt < Options.TransactionConflictMaxAttempts)
            {
                scope.Record("TransactWriteItems", isWrite: true, null);
                await DelayBeforeRetryAsync(scope.Operation, "a transaction conflict", attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException)
            {
                scope.Record("TransactWriteItems", isWrite: true, null);
                throw;
            }
        }
    }

    /// <summary>Whether DynamoDB cancelled the transaction only because another one held its items.</summary>
    private static bool IsConflictOnly(TransactionCanceledException e) =>
        e.CancellationReasons is { Count: > 0 } reasons
        && reasons.Any(r => r?.Code == "TransactionConflict")
        && reasons.All(r => r?.Code is null or "None" or "TransactionConflict");

    /// <summary>Waits before a retry the library owns (exponential backoff with full jitter, capped) and logs it.</summary>
    public Task DelayBeforeRetryAsync(string operation, string reason, int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(2_000, 25 * Math.Pow(2, attempt)));
        Log.Retrying(Logger, operation, Table, reason, attempt + 1, (long)delay.TotalMilliseconds);
        return Task.Delay(delay, Time, cancellationToken);
    }

    private bool Record(OperationScope scope, string operation, Exception e)
    {
        scope.Fail(e);
        switch (e)
        {
            case AmazonServiceException aws when aws.ErrorCode is not null && ThrottlingCodes.Contains(aws.ErrorCode):
                Log.Throttled(Logger, operation, Table, aws.ErrorCode);
                break;
            case ConcurrencyConflictException conflict:
                Log.Conflict(Logger, operation, Table, conflict.Actual ?? "unknown");
                break;
            case TapkoException refusal:
                Log.Refused(Logger, operation, Table, refusal);
                break;
        }

        return false;
    }
}
