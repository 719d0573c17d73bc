using Amazon.DynamoDBv2;
using Tapko.Data.Internal;

namespace Tapko.Data;

/// <summary>What both stores share: the client, a validated copy of the options, the token codec and the clock.</summary>
internal sealed class TapkoContext
{
    public TapkoContext(IAmazonDynamoDB client, TapkoStoreOptions options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Client = client;
        Options = options.Snapshot();
        Cursors = new ContinuationTokenCodec(Options.CursorSigningKey);
        Time = timeProvider ?? TimeProvider.System;
    }

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
        catch (Exception e) when (Record(scope, e))
        {
            throw;
        }
    }

    /// <summary>Exponential backoff with full jitter, capped, for retries the library owns.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(2_000, 25 * Math.Pow(2, attempt)));

    private static bool Record(OperationScope scope, Exception e)
    {
        scope.Fail(e);
        return false;
    }
}
