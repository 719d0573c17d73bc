using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// "Exact under faults, shown": the streamed counts (<see cref="StatusCountsMode.Streamed"/>, the default) under a seeded
/// random workload. Writers submit, move one item (with and without the expected status, sometimes to the status it
/// has), move many, delete, make pairs that cancel out (a submission and its delete, a move and its undo, another
/// project's change between), and delete projects whose ids new owners take again (second lives), on projects of 1, 4
/// and (in one run) 16 feedback shards, a fifth of their requests faulted (lost answers of applied writes, throttles,
/// resets). After every few calls the projector drains the stream over a client of its own, faulted too, meeting
/// duplicate deliveries, crashes between applying counts and checkpointing, and partial batches retried (see
/// <see cref="HostedEngine"/> and <see cref="LambdaEngine"/>). After each drain, every live project's counts must equal a
/// strongly consistent read of its items and the model; every deleted life has none; a second life started at zero.
/// </summary>
/// <remarks>
/// Deterministic: one thread of calls, the projector driven step by step and awaited until drained (never raced by the
/// clock), ids and every choice drawn from the seed, and each fault a function of the seed, the request's target and
/// its number (<see cref="KeyedFaults"/>). The seed is printed first; a failing run is rerun by its seed
/// (<c>TAPKO_STREAMED_SEED=n</c> runs both engines with seed n).
/// <c>TAPKO_RELIABILITY_SOAK=1</c>: five times the calls and second lives.
/// </remarks>
public sealed partial class StreamedCountsWorkloadTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "streamed")
{
    /// <summary>The writers' faults: mostly answers lost after the write was applied, and throttles.</summary>
    private static readonly Fault[] WriterKinds =
    [
        Fault.ResponseLostAfterApply, Fault.ResponseLostAfterApply, Fault.ResponseLostAfterApply, Fault.SlowAfterApply, Fault.SlowAfterApply,
        Fault.Throttling, Fault.Throttling, Fault.ProvisionedThroughputExceeded, Fault.ProvisionedThroughputExceeded,
        Fault.ConnectionReset, Fault.ServiceUnavailable,
    ];

    /// <summary>The projector's own faults, on top of the crashes and partial batches its engine arms.</summary>
    private static readonly Fault[] ProjectorKinds =
    [
        Fault.ResponseLostAfterApply, Fault.ResponseLostAfterApply, Fault.ResponseLostAfterApply, Fault.SlowAfterApply,
        Fault.Throttling, Fault.Throttling, Fault.ProvisionedThroughputExceeded, Fault.ConnectionReset, Fault.InternalServerError,
    ];

    /// <summary>The streamed counts, the library's default; the drained counts are read however long the run took.</summary>
    protected override void ConfigureDefaults(TapkoStoreOptions options)
    {
        options.StatusCounts = StatusCountsMode.Streamed;
        options.StatusCountsMaxLag = TimeSpan.FromDays(1);
    }

    /// <summary>The streamed counts come from the table's stream.</summary>
    protected override bool ChangeFeed => true;

    [Theory]
    [InlineData("hosted", 2211, new[] { 1, 4 }, SubmitMode.Transactional)]
    [InlineData("lambda", 2212, new[] { 1, 4, 16 }, SubmitMode.CachedCheck)]
    public async Task Every_drain_leaves_each_projects_counts_equal_to_a_full_read(string engine, int seed, int[] shards, SubmitMode mode)
    {
        var clock = Stopwatch.StartNew();
        seed = int.TryParse(Environment.GetEnvironmentVariable("TAPKO_STREAMED_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : seed;
        var name = $"[streamed counts] {engine} seed={seed} K={string.Join(",", shards)} {mode}";
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: starting (a failure reproduces with this seed)");
        var random = new Random(seed);
        var (chunks, lives) = ReliabilityFixture.Soak ? (50, 10) : (10, 2);

        var writerFaults = new KeyedFaults(seed * 31, 0.2, WriterKinds, i => i.Operation);
        using var writerInjector = new FaultInjector { Plan = writerFaults.Decide };
        var writers = NewClient(writerInjector);
        var workload = new Workload(this, new FeedbackStore(writers, Options(o => o.SubmitMode = mode)), new ProjectStore(writers, Options()), random);
        await workload.StartAsync(seed, shards);

        var projectorFaults = new KeyedFaults(seed * 37, 0.15, ProjectorKinds, KeyedFaults.ItemTarget);
        var ledger = new FeedLedger(Fixture.Client, Table);
        using var projectorInjector = new FaultInjector { InspectsBodies = true, Plan = projectorFaults.Decide, Observe = ledger.Observe };
        using var tap = new StreamTap(Fixture.Client, Fixture.Endpoint, Table);
        var rig = new ProjectorRig(NewClient(projectorInjector, maxErrorRetry: 2), Fixture.Client, Table, Options(), tap, projectorFaults, ledger, () => SnapshotAsync(workload), seed * 41);
        ProjectorEngine projector = engine == "hosted" ? new HostedEngine(rig) : new LambdaEngine(rig);

        var secondLives = Enumerable.Range(1, chunks - 1).OrderBy(_ => random.Next()).Take(lives).ToHashSet();
        var (steps, drains) = (0, 0);
        var (writing, draining, checking) = (new Stopwatch(), new Stopwatch(), new Stopwatch());
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var size = random.Next(4, 11);
            var lifeAt = secondLives.Contains(chunk) ? random.Next(size) : -1;
            writing.Start();
            for (var i = 0; i < size; i++)
            {
                if (i == lifeAt)
                {
                    await workload.SecondLifeAsync(random.Next(workload.Slots.Count), shards[random.Next(shards.Length)]);
                }

                await workload.StepAsync(steps++);
            }

            writing.Stop();

            // Now and then the projector lags a chunk behind, so one drain spans more (a delete and its second life, say).
            if (chunk == chunks - 1 || random.Next(4) != 0)
            {
                draining.Start();
                await projector.DrainAsync(workload.TakeTouched(), Ct);
                draining.Stop();
                drains++;
                checking.Start();
                await CheckDrainedAsync(workload, seed);
                checking.Stop();
            }
        }

        await CheckFinalAsync(workload);

        await tap.ReadNewAsync(Ct);
        var records = tap.All.Select(FeedRecord.Of).OfType<FeedRecord>().ToList();
        var ended = workload.Ended.Select(e => e.Incarnation).ToHashSet(StringComparer.Ordinal);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {workload.Calls} calls ({Kinds(workload)}), {drains} drains | writer faults {writerFaults.Total} ({Faults(writerFaults)}) | "
            + $"projector faults {projectorFaults.Total} ({Faults(projectorFaults)}, armed {projectorFaults.Forced}): {ledger.Crashes} crashes, {ledger.CrashesBeforeCheckpoint} between counts and checkpoint, "
            + $"{ledger.PartialBatches} partial batches retried, {ledger.Rewinds} rewinds, {ledger.ColdStarts} cold starts | "
            + $"{records.Count} feedback records applied ({records.Count(r => ended.Contains(r.Incarnation))} of lives since deleted) in {ledger.CountsWrites} counts writes; "
            + $"duplicates ignored: {ledger.Redelivered} records delivered again, {ledger.RefusedAsApplied} counts writes refused by position, {ledger.PureDuplicates} all-duplicate deliveries left every count as it was; "
            + $"{ledger.RefusedLifeOver} writes refused for a life over | {clock.Elapsed.TotalSeconds:F1} s (writers {writing.Elapsed.TotalSeconds:F1}, projector {draining.Elapsed.TotalSeconds:F1}, checks {checking.Elapsed.TotalSeconds:F1})");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        ReliabilityTally.Line(line);

        // What the seed must have brought about, so a change that stops the faults from reaching the projector shows.
        writerFaults.Random.Keys.Should().Contain([Fault.ResponseLostAfterApply, Fault.Throttling]);
        ledger.CrashesBeforeCheckpoint.Should().BeGreaterThan(0, "the seed crashed the projector between counts and checkpoint");
        ledger.PartialBatches.Should().BeGreaterThan(0, "the seed failed one project's write in a batch");
        ledger.PureDuplicates.Should().BeGreaterThan(0, "the seed delivered applied records again");
        ledger.RefusedAsApplied.Should().BeGreaterThan(0, "applied records came again and the positions refused them");
        workload.Ended.Should().HaveCount(lives);
        ReliabilityTally.OperationChecked($"streamed workload ({engine} projector, {mode})", workload.Calls);
    }

    /// <summary>Every live project: counts equal a strongly consistent read of its items and the model. Every deleted life: no counts.</summary>
    private async Task CheckDrainedAsync(Workload workload, int seed)
    {
        foreach (var life in workload.Slots)
        {
            var counts = await CleanFeedback.GetStatusCountsAsync(life.Key, Ct);
            var stored = await StoredCountsAsync(life);
            var model = RandomFaultWorkloadTests.CountsOf(workload.Items.Values.Where(e => e.Project == life.Key).Select(e => e.Status));
            counts.Should().Be(stored, "the drained counts of {0} (K={1}) equal a full read of it (seed {2})", life.Key, life.Shards, seed);
            stored.Should().Be(model, "the project holds what the writers were told");
            ReliabilityTally.InvariantChecked("streamed counts equal a full read and the model after every drain", 1);
        }

        foreach (var (key, _) in workload.Ended)
        {
            (await CleanFeedback.GetStatusCountsAsync(key, Ct)).Should().BeNull("{0} was deleted, and its counts with it", key);
            ReliabilityTally.InvariantChecked("a deleted project's life has no counts after every drain", 1);
        }
    }

    /// <summary>At the end: every live project's items equal the model; claims (where counts live) only for live lives; nothing of a deleted life left.</summary>
    private async Task CheckFinalAsync(Workload workload)
    {
        foreach (var life in workload.Slots)
        {
            var stored = await CleanFeedback.ListAllAsync(life.Key, new FeedbackQuery { PageSize = 1_000 }, Ct).ToListAsync(Ct);
            var model = workload.Items.Where(i => i.Value.Project == life.Key).ToList();
            ReliabilityTally.Violation("lost", model.Count(m => stored.All(f => f.Id != m.Key)));
            ReliabilityTally.Violation("duplicated", stored.Count - stored.Select(f => f.Id).Distinct().Count() + stored.Count(f => model.All(m => m.Key != f.Id)));
            stored.Select(f => (f.Id, f.Message, f.Status)).Should().BeEquivalentTo(model.Select(m => (m.Key, m.Value.Message, m.Value.Status)));
            ReliabilityTally.InvariantChecked("final state equals the model (streamed workload: ids, messages, statuses)", model.Count + 1);
        }

        var items = await ScanAsync();
        var claims = items.Where(i => i.GetValueOrDefault("type")?.S == "project-claim").Select(c => (c["userId"].S, c["projectId"].S)).ToList();
        claims.Should().BeEquivalentTo(workload.Slots.Select(s => (s.Key.Owner.Value, s.Key.ProjectId.Value)), "counts live on claims, and only live projects have one");
        var endedLives = workload.Ended.Select(e => e.Incarnation).ToHashSet(StringComparer.Ordinal);
        items.Should().NotContain(i => i.GetValueOrDefault("incarnation") != null && endedLives.Contains(i["incarnation"].S), "nothing of a deleted life is left");
        ReliabilityTally.InvariantChecked("a deleted project leaves no claim, no counts and no items (streamed workload)", workload.Ended.Count);
    }

    /// <summary>The project's items of its current life, read with strongly consistent Queries of each of its partitions, counted by status.</summary>
    private async Task<FeedbackStatusCounts> StoredCountsAsync(Life life)
    {
        var incarnation = (await ClaimAsync(life.Key.ProjectId))!["incarnation"].S;
        var statuses = new List<string>();
        foreach (var shard in Enumerable.Range(0, life.Shards))
        {
            var partition = life.Shards == 1 ? $"PROJECT#{life.Key.ProjectId.Value}" : $"PROJECT#{life.Key.ProjectId.Value}#{shard:00}";
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await Fixture.Client.QueryAsync(
                    new QueryRequest
                    {
                        TableName = Table,
                        KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
                        ExpressionAttributeValues = new() { [":pk"] = new() { S = partition }, [":sk"] = new() { S = "FEEDBACK#" } },
                        ConsistentRead = true,
                        ExclusiveStartKey = start,
                    },
                    Ct);
                statuses.AddRange((page.Items ?? []).Where(i => i.GetValueOrDefault("type")?.S == "feedback" && i.GetValueOrDefault("incarnation")?.S == incarnation).Select(i => i["status"].S));
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }

        return new FeedbackStatusCounts(statuses.Count(s => s == "open"), statuses.Count(s => s == "in-progress"), statuses.Count(s => s == "resolved"));
    }

    /// <summary>Every live project's counts as a read sees them now.</summary>
    private async Task<List<(ProjectKey Project, long Open, long InProgress, long Resolved)>> SnapshotAsync(Workload workload)
    {
        var snapshot = new List<(ProjectKey, long, long, long)>();
        foreach (var life in workload.Slots)
        {
            var counts = await CleanFeedback.GetStatusCountsAsync(life.Key, Ct);
            snapshot.Add((life.Key, counts?.Open ?? -1, counts?.InProgress ?? -1, counts?.Resolved ?? -1));
        }

        return snapshot;
    }

    private static string Kinds(Workload workload) => string.Join(", ", workload.Kinds.Select(k => $"{k.Value} {k.Key}"));

    private static string Faults(KeyedFaults faults)
    {
        var r = faults.Random;
        int Of(params Fault[] kinds) => kinds.Sum(k => r.GetValueOrDefault(k));
        return $"lost answers {Of(Fault.ResponseLostAfterApply, Fault.SlowAfterApply)}, throttles {Of(Fault.Throttling, Fault.ProvisionedThroughputExceeded)}, "
            + $"resets and 5xx {Of(Fault.ConnectionReset, Fault.ServiceUnavailable, Fault.InternalServerError, Fault.SlowBeforeApply)}";
    }
}
