using Amazon.DynamoDBv2;
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
    }

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
