using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tapko.Data.Stores;

/// <summary>
/// What both stores share: a validated copy of the options, the clock, the request and paging paths, and who holds
/// each project id. One per registration, so a project created through one store is known to the other.
/// </summary>
internal sealed class TapkoContext : IDisposable
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "Throttling",
    };

    private readonly IAmazonDynamoDB? ownedClient;

    public TapkoContext(IAmazonDynamoDB client, TapkoStoreOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory = null,
        bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ownedClient = ownsClient ? client : null;
        Options = options.Snapshot();
        Time = timeProvider ?? TimeProvider.System;
        Logger = (ILogger?)loggerFactory?.CreateLogger("Tapko.Data") ?? NullLogger.Instance;
        Requests = new RequestSender(client, Logger, Time, Options.TableName, Options.TransactionConflictMaxAttempts);
        Cursors = new ContinuationTokenCodec(Options.CursorSigningKey);
        Pager = new QueryPager(Requests, Cursors);
        Owners = new ProjectOwners(Requests, Options.TableName, Time, Options.ProjectOwnerCacheSize, Options.ProjectOwnerCacheLifetime);
        TableClient = new TapkoTableClient(client, Options.TableName, Options.StatusIndexProjection);
        Projector = new ProjectorWatch(Requests, Options.TableName, Time, Options.StatusCountsMaxLag);
        ProjectStates = new ProjectStates(Time, Options.SubmitCheckCacheLifetime);
    }

    public TapkoStoreOptions Options { get; }

    public string Table => Options.TableName;

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>The path every request takes.</summary>
    public RequestSender Requests { get; }

    /// <summary>The path every listing takes.</summary>
    public QueryPager Pager { get; }

    public ContinuationTokenCodec Cursors { get; }

    /// <summary>Who holds each project id.</summary>
    public ProjectOwners Owners { get; }

    /// <summary>Project items cached for <see cref="SubmitMode.CachedCheck"/> submissions.</summary>
    public ProjectStates ProjectStates { get; }

    /// <summary>Whether a projector keeps the streamed counts, as count reads see it.</summary>
    public ProjectorWatch Projector { get; }

    /// <summary>The client and table, as the registration hands them to add-ons and hosts.</summary>
    public TapkoTableClient TableClient { get; }

    /// <summary>Disposes the client only when the stores created it themselves (no client was registered).</summary>
    public void Dispose() => ownedClient?.Dispose();

    /// <summary>Now, truncated to the millisecond the table stores, so a returned object equals what a later read gives.</summary>
    public DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// Runs one store call, its argument checks included, inside its telemetry scope: every failure, a refused argument
    /// as much as a throttled request, is recorded on the span, the outcome metric and the log, then rethrown untouched.
    /// </summary>
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
            case ArgumentException invalid:
                Log.InvalidArgument(Logger, operation, Table, invalid.ParamName ?? "?");
                break;
        }

        return false;
    }
}
