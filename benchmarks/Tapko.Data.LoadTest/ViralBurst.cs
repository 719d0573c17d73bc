using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.LimitsModel;
using Tapko.Data.Testing;

namespace Tapko.Data.LoadTest;

/// <summary>
/// One point of the curve: a fresh table and project, about <c>rate × seconds</c> widget submissions on a fixed
/// schedule (open loop: a slow answer does not slow the offer), at most N in flight, through a fresh limits model; then every
/// submission whose caller got no definite answer is repeated with its id, and every stored item is read back outside
/// the model and matched to what the callers were told.
/// </summary>
public static class ViralBurst
{
    /// <summary>About 1.5 KB of message: a stored item of about 1.6 KB, the benchmark dataset's median, two write units.</summary>
    private static readonly string Padding = new('x', 1_450);

    private static readonly string[] ReportedOperations = ["GetItem", "PutItem", "TransactWriteItems", "Query"];

    public static async Task<PointResult> RunAsync(DynamoDbLocal local, StoreDesign design, int rate, LoadSettings settings, CancellationToken cancellationToken)
    {
        // No projector runs here, and DynamoDB Local writes more slowly with a stream on, more so as its records pile up
        // over a sweep's points: the harness fell behind its own offer at 4,000/s with it.
        await using var table = await TapkoTestTable.CreateWithoutStreamAsync(local, "viral", cancellationToken);
        var options = table.CreateOptions(design.Configure);
        var project = new ProjectKey(UserId.Parse("viral-owner"), ProjectId.New());
        var setup = new ProjectStore(local.Client, options);
        await setup.CreateAsync(project, "A site that went viral", design.Project ?? new ProjectOptions(), cancellationToken);
        if (design.PrepareProject is { } prepare)
        {
            await prepare(setup, project, cancellationToken);
        }

        var scale = settings.ScaleFor(rate);
        using var model = new LimitsModelHandler(new LimitsModelOptions { TimeScale = scale, TransactionLatency = settings.TransactionLatency });
        using var client = model.CreateClient(local.Endpoint, c =>
        {
            c.MaxErrorRetry = 3;
            c.Timeout = settings.RequestTimeout ?? c.Timeout;
        });
        // The library's own retry backoff runs on this clock: stretched like the model's time, ids still real.
        var feedback = new FeedbackStore(client, options, scale > 1 ? new DilatedTimeProvider(scale) : TimeProvider.System);

        var clock = Stopwatch.StartNew();
        double Now() => clock.Elapsed.TotalSeconds / scale;
        var refusals = new ConcurrentQueue<(double At, ModelRefusal Why)>();
        model.OnRefused = (_, why) => refusals.Enqueue((Now(), why));

        var schedule = ArrivalSchedule.Of(settings.Arrivals, rate, settings.Seconds);
        var count = schedule.Count;
        var results = new SubmissionResult[count];
        using var submitters = new SemaphoreSlim(settings.Submitters);
        var running = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = schedule[i];
            var wait = TimeSpan.FromSeconds((due * scale) - clock.Elapsed.TotalSeconds);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            await submitters.WaitAsync(cancellationToken);
            running.Add(SubmitAsync(feedback, project.ProjectId, i, due, results, Now, submitters, cancellationToken));
        }

        await Task.WhenAll(running);
        var duration = results.Max(r => r.Completed);

        // Outside the model, as a caller retrying later would; a repeat may come more than the default 15 minutes after
        // the id was minted when DynamoDB Local was overloaded, so the id's age allows the longest the option does.
        var clean = new FeedbackStore(local.Client, table.CreateOptions(o =>
        {
            design.Configure(o);
            o.FeedbackIdMaxAge = TimeSpan.FromDays(1);
        }));
        var repeats = await RepeatedSubmission.RepeatAllAsync(
            clean, project, results.Where(r => r.Outcome == Outcome.Unknown), r => Submission(r.Index, r.Id), cancellationToken);
        foreach (var broken in repeats.Where(r => r.Broken is not null).Take(5))
        {
            Console.Error.WriteLine($"  {design.Name} at {rate}/s: the repeat of #{broken.Index} ({broken.Id}) {broken.Broken}");
        }

        var stored = await ReadBackAsync(clean, project, cancellationToken);
        return Summarise(design, rate, scale, settings, results, repeats, stored, model, refusals, duration, project);
    }

    private static async Task SubmitAsync(
        FeedbackStore feedback, ProjectId project, int index, double due, SubmissionResult[] results, Func<double> now, SemaphoreSlim submitters, CancellationToken cancellationToken)
    {
        var started = now();
        var id = FeedbackId.New();
        var outcome = Outcome.Acknowledged;
        string? error = null;
        try
        {
            await Task.Yield();
            await feedback.SubmitFromWidgetAsync(project, Submission(index, id), cancellationToken);
        }
        catch (Exception e) when (e is ProvisionedThroughputExceededException || e is AmazonDynamoDBException { ErrorCode: "ThrottlingException" })
        {
            (outcome, error) = (Outcome.Throttled, e.GetType().Name);
        }
        catch (Exception e) when (e is WriteContentionException or TransactionCanceledException or TransactionConflictException)
        {
            (outcome, error) = (Outcome.Conflicted, e.GetType().Name);
        }
        catch (Exception e) when (IsUnknown(e, cancellationToken))
        {
            (outcome, error) = (Outcome.Unknown, e.GetType().Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            (outcome, error) = (Outcome.Failed, e.GetType().Name);
        }
        finally
        {
            submitters.Release();
        }

        results[index] = new SubmissionResult(index, id, due, started, now(), outcome, error);
    }

    /// <summary>The submission numbered <paramref name="index"/>: its number in the message, so a stored copy names it.</summary>
    private static NewFeedback Submission(int index, FeedbackId id) => new($"viral #{index}: {Padding}") { Id = id };

    /// <summary>
    /// An error after which the write may or may not have been applied: the client's timeout, a 5xx answer, a
    /// transport fault, or DynamoDB saying an earlier send of the same transaction is still running. Everything else (a
    /// throttle, a conflict, a 4xx refusal) is meant to be definite: nothing was written.
    /// </summary>
    private static bool IsUnknown(Exception e, CancellationToken cancellationToken) => e switch
    {
        TimeoutException or HttpRequestException or IOException or TransactionInProgressException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        Amazon.Runtime.AmazonServiceException service => (int)service.StatusCode >= 500,
        _ => e.InnerException is { } inner && IsUnknown(inner, cancellationToken),
    };

    /// <summary>Every feedback item of the project as stored, read without the model: id to message nonce.</summary>
    private static async Task<List<(FeedbackId Id, int Nonce)>> ReadBackAsync(FeedbackStore clean, ProjectKey project, CancellationToken cancellationToken)
    {
        var stored = new List<(FeedbackId, int)>();
        string? token = null;
        do
        {
            var page = await clean.ListAsync(project, new FeedbackQuery { PageSize = 1_000, Order = SortOrder.OldestFirst, ContinuationToken = token }, cancellationToken);
            foreach (var item in page.Items)
            {
                var hash = item.Message.IndexOf('#', StringComparison.Ordinal);
                var colon = item.Message.IndexOf(':', StringComparison.Ordinal);
                stored.Add((item.Id, int.Parse(item.Message[(hash + 1)..colon], CultureInfo.InvariantCulture)));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return stored;
    }

    private static PointResult Summarise(
        StoreDesign design,
        int rate,
        double scale,
        LoadSettings settings,
        SubmissionResult[] results,
        IReadOnlyList<RepeatedSubmission> repeats,
        List<(FeedbackId Id, int Nonce)> stored,
        LimitsModelHandler model,
        ConcurrentQueue<(double At, ModelRefusal Why)> refusals,
        double duration,
        ProjectKey project)
    {
        var storedIds = stored.Select(s => s.Id).ToHashSet();
        var acknowledged = results.Where(r => r.Outcome == Outcome.Acknowledged).ToList();
        var refused = results.Where(r => r.Outcome is not (Outcome.Acknowledged or Outcome.Unknown)).ToList();
        var unknown = results.Where(r => r.Outcome == Outcome.Unknown).ToList();
        // A repeat that kept its promise acknowledged the submission: from then on it must be stored like any other.
        var promised = acknowledged.Select(r => r.Id).Concat(repeats.Where(r => r.Broken is null).Select(r => r.Id)).ToList();
        var latencies = acknowledged.Select(r => r.LatencyMs).Order().ToArray();
        var stats = model.Stats;
        var modelRefusals = stats.Throttled + stats.TransactionConflicts + stats.WriteConflicts;
        var units = model.ConsumedUnits();
        var partition = $"PROJECT#{project.ProjectId}";

        // The hottest of the project's keys: its one partition, or the busiest shard (or head) of a sharded project.
        double Units(string? index) => units
            .Where(u => u.Key.Write && u.Key.Partition.Index == index
                && (u.Key.Partition.Value == partition || u.Key.Partition.Value.StartsWith(partition + "#", StringComparison.Ordinal)))
            .GroupBy(u => u.Key.Partition.Value)
            .Select(g => g.Sum(u => u.Value))
            .DefaultIfEmpty(0)
            .Max();
        var seconds = (int)Math.Ceiling(Math.Max(duration, settings.Seconds));
        var perSecond = Enumerable.Range(0, seconds).Select(s => new SecondSample(
            s,
            results.Count(r => (int)r.Scheduled == s),
            acknowledged.Count(r => (int)r.Completed == s),
            refused.Count(r => (int)r.Completed == s),
            unknown.Count(r => (int)r.Completed == s),
            refusals.Count(r => (int)r.At == s && r.Why == ModelRefusal.Throttled),
            refusals.Count(r => (int)r.At == s && r.Why != ModelRefusal.Throttled))).ToList();

        return new PointResult
        {
            Design = design.Name,
            Rate = rate,
            Seconds = settings.Seconds,
            TimeScale = scale,
            TransactionLatencyMs = settings.TransactionLatency.TotalMilliseconds,
            PartitionWcu = model.Options.WriteUnitsPerSecond,
            Offered = results.Length,
            Acknowledged = acknowledged.Count,
            Refused = refused.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            Duration = duration,
            Requests = ReportedOperations.ToDictionary(o => o, model.RequestsOf),
            Throttles = stats.Throttled,
            Conflicts = stats.TransactionConflicts + stats.WriteConflicts,
            // Each model refusal is either retried or is the caller's final answer (a refusal of that kind).
            Retries = modelRefusals - refused.Count(r => r.Outcome is Outcome.Throttled or Outcome.Conflicted),
            P50Ms = Percentile(latencies, 0.50),
            P99Ms = Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            StartLagP99Ms = Percentile([.. results.Select(r => (r.Started - r.Scheduled) * 1_000).Order()], 0.99),
            Unknown = unknown.Count,
            UnknownStoredBefore = repeats.Count(r => r.StoredBefore),
            RepeatsBroken = repeats.Count(r => r.Broken is not null),
            Lost = promised.Count(id => !storedIds.Contains(id)),
            Duplicated = stored.Count - stored.Select(s => s.Nonce).Distinct().Count(),
            RefusedButStored = refused.Count(r => storedIds.Contains(r.Id)),
            TableWcuPerSecond = Units(null) / Math.Max(duration, settings.Seconds),
            IndexWcuPerSecond = Units("GSI1") / Math.Max(duration, settings.Seconds),
            TableWcuPerAcknowledged = acknowledged.Count == 0 ? 0 : Units(null) / acknowledged.Count,
            PerSecond = perSecond,
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
