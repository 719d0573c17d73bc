using Microsoft.Extensions.Logging;

namespace Tapko.Data;

/// <summary>
/// The change feed's projector for a long-running host: reads the table's DynamoDB stream, keeps every project's
/// status counts (<see cref="StatusCountsMode.Streamed"/>) and delivers feedback events to the registered
/// <see cref="IFeedbackEventHandler"/>s. <c>services.AddTapkoProjector()</c> runs it as a hosted service; tests and
/// samples can also drive it directly with <see cref="CatchUpAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// One instance per table: instances take a lease in the table, so a second one waits and takes over within
/// <see cref="TapkoProjectorOptions.LeaseDuration"/> after the first stops. (Were two to read at once, counts would stay
/// exact, positions refuse a second application, but events would be delivered twice and reads paid twice.) For many
/// writers and production scale use the Lambda instead (<see cref="TapkoProjectorFunction"/>): AWS reads every shard in
/// parallel and checkpoints for it.
/// </para>
/// <para>
/// Checkpoints (how far each stream shard is applied) are kept in the table, so a restart resumes where the last run
/// stopped; the stream keeps changes 24 hours, the longest a projector may be down without losing any.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "The semaphore never allocates a wait handle (only WaitAsync is used), so it holds nothing to dispose.")]
public sealed class TapkoProjector
{
    private readonly ProjectorParts parts;
    private readonly FeedReader reader;
    private readonly SemaphoreSlim single = new(1, 1);

    /// <summary>Creates a projector for the table of <paramref name="storeOptions"/>. Prefer <c>services.AddTapkoProjector()</c> in a host.</summary>
    /// <param name="client">The DynamoDB client; not disposed by the projector.</param>
    /// <param name="storeOptions">The stores' options: table, endpoint, region.</param>
    /// <param name="options">The projector's own settings; defaults when <see langword="null"/>.</param>
    /// <param name="handlers">Receivers of feedback events; none by default.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="loggerFactory">Where failures and retries are logged; nowhere by default.</param>
    public TapkoProjector(
        IAmazonDynamoDB client,
        TapkoStoreOptions storeOptions,
        TapkoProjectorOptions? options = null,
        IEnumerable<IFeedbackEventHandler>? handlers = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(new ProjectorParts(client, storeOptions, options, handlers, timeProvider, loggerFactory, "hosted"))
    {
    }

    internal TapkoProjector(ProjectorParts parts)
    {
        this.parts = parts;
        var streams = StreamsClient.For(parts.Context.Requests.Client, parts.Context.Options, parts.Options.StreamsCredentials, parts.Context.Time);
        reader = new FeedReader(parts.Context, streams, parts.Core, parts.Options);
    }

    /// <summary>The events the registered handlers kept failing on.</summary>
    public FeedbackEventDeadLetters DeadLetters => parts.DeadLetters;

    /// <summary>
    /// Reads the stream until every shard has nothing more (waiting for the lease if another instance holds it), so
    /// every change made before the call is counted and its events delivered when it returns.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>A task that completes once the projector is caught up.</returns>
    /// <exception cref="InvalidOperationException">The table has no stream.</exception>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await single.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var failures = 0; ;)
            {
                var result = await reader.PassAsync(cancellationToken).ConfigureAwait(false);
                if (result == PassResult.CaughtUp)
                {
                    return;
                }

                failures = result == PassResult.Failed ? failures + 1 : 0;
                var wait = Wait(result, failures);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, parts.Context.Time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            single.Release();
        }
    }

    /// <summary>Reads the stream until <paramref name="stoppingToken"/> is cancelled: what the hosted service runs.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            await single.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var result = await reader.PassAsync(stoppingToken).ConfigureAwait(false);
                failures = result == PassResult.Failed ? failures + 1 : 0;
                wait = Wait(result, failures);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Throttling, a network fault, an expired iterator: the next pass resumes from the checkpoints.
                failures++;
                Log.ProjectorPassFailed(parts.Context.Logger, parts.Context.Table, failures, e);
                wait = Wait(PassResult.Failed, failures);
            }
            finally
            {
                single.Release();
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, parts.Context.Time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How long to wait before the next pass: none while there is more, longer after each failure in a row.</summary>
    private TimeSpan Wait(PassResult result, int failures) => result switch
    {
        PassResult.MoreToRead => TimeSpan.Zero,
        PassResult.NotLeaseHolder => parts.Options.LeaseDuration / 3,
        PassResult.Failed => TimeSpan.FromMilliseconds(Math.Min(30_000, parts.Options.PollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10)))),
        _ => parts.Options.PollInterval,
    };
}
