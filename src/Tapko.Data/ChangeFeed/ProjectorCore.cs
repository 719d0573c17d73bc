namespace Tapko.Data.ChangeFeed;

/// <summary>
/// Applies one batch of stream records, however it arrived (one shard's read by the hosted service, or a Lambda event):
/// the counts of every project in it, each with one write (<see cref="CountsApplier"/>, in parallel), then the events
/// of its feedback changes in stream order (<see cref="EventDispatcher"/>), then the heartbeat when one is due.
/// </summary>
internal sealed class ProjectorCore(TapkoContext context, CountsApplier counts, EventDispatcher events, string host, TimeSpan heartbeatInterval)
{
    private const int ParallelProjects = 8;

    private DateTimeOffset lastReport = DateTimeOffset.MinValue;
    private TimeSpan lastLag;

    /// <summary>Whether <paramref name="record"/> is anything the projector acts on: a change of feedback, or the canary.</summary>
    public static bool Matters(ChangeRecord record) => FeedbackChange.From(record) is not null || Heartbeat.CanaryTime(record) is not null;

    /// <summary>
    /// Applies <paramref name="records"/> (one shard's, in stream order). Returns the index of the first record not
    /// fully applied, where the caller must resume, or <see langword="null"/> when all were; what failed is logged.
    /// Applying is idempotent, so resuming from that record never counts a change twice.
    /// </summary>
    public async Task<int?> ApplyAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken)
    {
        var index = new Dictionary<ChangeRecord, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < records.Count; i++)
        {
            index[records[i]] = i;
        }

        var changes = records.Select(FeedbackChange.From).OfType<FeedbackChange>().ToList();
        int? firstFailed = null;
        var gate = new object();
        await context.RunAsync(OperationNames.ProjectorApply, async scope =>
        {
            await Parallel.ForEachAsync(
                CountsDelta.Of(changes),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelProjects, CancellationToken = cancellationToken },
                async (delta, ct) =>
                {
                    try
                    {
                        await counts.ApplyAsync(scope, delta, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        Log.CountsFailed(context.Logger, delta.Project.ProjectId, e);
                        lock (gate)
                        {
                            firstFailed = Math.Min(firstFailed ?? int.MaxValue, index[delta.FirstRecord]);
                        }
                    }
                }).ConfigureAwait(false);

            // Records after a failure come again (the caller resumes there), with their events: deliver none of them now.
            foreach (var change in changes.TakeWhile(c => firstFailed is not { } f || index[c.Record] < f))
            {
                try
                {
                    await events.DeliverAsync(scope, change, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.DeadLetterFailed(context.Logger, change.Record.EventId, e);
                    firstFailed = index[change.Record];
                    break;
                }
            }

            scope.Tag(TagNames.Records, records.Count);
            return true;
        }).ConfigureAwait(false);

        var canary = records.Take(firstFailed ?? records.Count).Select(Heartbeat.CanaryTime).LastOrDefault(t => t is not null);
        if (canary is { } written)
        {
            await ReportAsync(context.Time.GetUtcNow() - written, force: true, cancellationToken).ConfigureAwait(false);
        }

        return firstFailed;
    }

    /// <summary>Writes the heartbeat with <paramref name="lag"/>, at most every heartbeat interval unless forced.</summary>
    public async Task ReportAsync(TimeSpan lag, bool force, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        lag = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;

        // Catching up is reported at once: readers would otherwise see the lag of the last report for a whole interval.
        var caughtUp = lag == TimeSpan.Zero && lastLag > TimeSpan.Zero;
        if (!force && !caughtUp && now - lastReport < heartbeatInterval)
        {
            return;
        }

        lastReport = now;
        lastLag = lag;
        var beat = new Heartbeat(now, lag, host);
        await context.RunAsync(OperationNames.ProjectorReport, async scope =>
        {
            await context.Requests.UpdateItemAsync(scope, beat.ToRequest(context.Table), cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>Writes the canary, whose record proves the stream reaches a projector (a Lambda's scheduled tick).</summary>
    public Task TickAsync(CancellationToken cancellationToken) =>
        context.RunAsync(OperationNames.ProjectorReport, async scope =>
        {
            await context.Requests.UpdateItemAsync(scope, Heartbeat.Canary(context.Table, context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return true;
        });
}
