using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// The Lambda host (<see cref="TapkoProjectorFunction.HandleAsync"/>) over a faulted client, fed as the event source
/// mapping feeds it, from a tap on DynamoDB Local's stream: each shard in stream order, batches of random size, a
/// partial-batch response delivered again from the record it names, a failed invocation delivered again whole. Besides
/// random faults, a batch may be one of:
/// <list type="bullet">
/// <item>a partial batch: one project's counts write fails on every attempt (after the first was applied but its answer
/// lost, or not), and the retry starts at that project's first record;</item>
/// <item>the same batch twice: delivered again once applied, whole, then from a record inside it;</item>
/// <item>a crash between applying and checkpointing: the function applied the batch and died before Lambda saw its
/// answer, so Lambda delivers the same batch again, to a cold instance;</item>
/// <item>a late duplicate: a slice of records applied long before, cut anywhere (records of lives since ended among them).</item>
/// </list>
/// Every delivery of records all applied before must leave every count as it was.
/// </summary>
internal sealed class LambdaEngine : ProjectorEngine
{
    private const int MaxBatch = 16;
    private readonly Random random;
    private readonly IEnumerator<Scenario> scenarios;
    private readonly List<string> shardOrder = [];
    private readonly Dictionary<string, List<TappedRecord>> shards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> applied = new(StringComparer.Ordinal);
    private TapkoProjectorFunction function;
    private Scenario? postponed;

    public LambdaEngine(ProjectorRig rig)
        : base(rig)
    {
        random = new Random(rig.Seed);
        function = NewFunction();
        scenarios = Schedule(
            random,
            [Scenario.PartialBatch, Scenario.SameBatchTwice, Scenario.CrashBeforeCheckpoint, Scenario.LateDuplicate],
            [(Scenario.Plain, 5), (Scenario.PartialBatch, 2), (Scenario.SameBatchTwice, 1), (Scenario.CrashBeforeCheckpoint, 1), (Scenario.LateDuplicate, 2)]);
    }

    private enum Scenario
    {
        Plain,
        PartialBatch,
        SameBatchTwice,
        CrashBeforeCheckpoint,
        LateDuplicate,
    }

    public override string Name => "lambda";

    public override async Task DrainAsync(IReadOnlyList<ProjectId> touched, CancellationToken cancellationToken)
    {
        foreach (var record in await Rig.Tap.ReadNewAsync(cancellationToken))
        {
            if (!shards.TryGetValue(record.Shard, out var list))
            {
                shards[record.Shard] = list = [];
                shardOrder.Add(record.Shard);
            }

            list.Add(record);
        }

        // Shards in the order the stream lists them (a parent before its children), each to its end.
        foreach (var shard in shardOrder)
        {
            var records = shards[shard];
            while (delivered.GetValueOrDefault(shard) < records.Count)
            {
                var head = delivered.GetValueOrDefault(shard);
                var batch = records.GetRange(head, Math.Min(random.Next(1, MaxBatch + 1), records.Count - head));
                await DeliverBatchAsync(NextScenario(), records, head, batch, cancellationToken);
                delivered[shard] = head + batch.Count;
            }
        }
    }

    private async Task DeliverBatchAsync(Scenario scenario, List<TappedRecord> records, int head, List<TappedRecord> batch, CancellationToken cancellationToken)
    {
        string? partial = null;
        if (scenario == Scenario.PartialBatch)
        {
            var projects = batch.Select(FeedRecord.Of).OfType<FeedRecord>().Where(f => f.ChangesCounts).Select(f => f.ProjectId).Distinct().ToList();
            if (projects.Count == 0)
            {
                // No counts write to fail in this batch: the next batch is the partial one.
                postponed = scenario;
                scenario = Scenario.Plain;
            }
            else
            {
                partial = KeyedFaults.Claim(ProjectId.Parse(projects[random.Next(projects.Count)]));
                Rig.Faults.Arm(partial, KeyedFaults.FailingWrite(appliedFirst: random.Next(2) == 0));
            }
        }

        await DeliverAsync(batch, cancellationToken);
        if (partial is not null)
        {
            // Spent: the write failed on every attempt; else it was never made (its changes left the counts as they were).
            Ledger.PartialBatches += Rig.Faults.Spent(partial) ? 1 : 0;
            postponed = Rig.Faults.Spent(partial) ? null : scenario;
        }

        Rig.Faults.Disarm();
        switch (scenario)
        {
            case Scenario.SameBatchTwice:
                // Whole, as after a timeout; then from a record inside it, as after a partial-batch response naming it.
                await PureDuplicateAsync(() => DeliverAsync(batch, cancellationToken));
                if (batch.Count > 1)
                {
                    var middle = random.Next(1, batch.Count);
                    await PureDuplicateAsync(() => DeliverAsync(batch.GetRange(middle, batch.Count - middle), cancellationToken));
                }

                break;
            case Scenario.CrashBeforeCheckpoint:
                // The invocation applied the batch and died before answering: Lambda's checkpoint never moved.
                Ledger.CrashesBeforeCheckpoint++;
                Ledger.ColdStarts++;
                function = NewFunction();
                await PureDuplicateAsync(() => DeliverAsync(batch, cancellationToken));
                break;
            case Scenario.LateDuplicate:
                var from = random.Next(head + 1);
                var slice = records.GetRange(from, Math.Min(random.Next(1, 2 * MaxBatch), head + batch.Count - from));
                await PureDuplicateAsync(() => DeliverAsync(slice, cancellationToken));
                break;
        }
    }

    /// <summary>Invokes the function with <paramref name="records"/> until every one is acknowledged, as the event source mapping does.</summary>
    private async Task DeliverAsync(List<TappedRecord> records, CancellationToken cancellationToken)
    {
        var from = 0;
        for (var invocation = 1; ; invocation++)
        {
            invocation.Should().BeLessThan(30, "Lambda's retries get the batch through once the faults let them");
            var part = records.GetRange(from, records.Count - from);
            Ledger.Invocations++;
            Ledger.Redelivered += part.Count(r => applied.Contains(r.Sequence));
            List<string> failures;
            try
            {
                await using var response = await function.HandleAsync(StreamTap.Event(part), cancellationToken);
                failures = await StreamTap.FailuresAsync(response);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not Xunit.Sdk.IAssertionException)
            {
                // The invocation failed (its heartbeat write, say): Lambda delivers the same records again.
                MustBeClearFault(e, "a Lambda invocation");
                Ledger.Crashes++;
                continue;
            }

            var done = failures.Count == 0 ? part.Count : part.FindIndex(r => r.Raw == failures[0]);
            done.Should().BeGreaterThanOrEqualTo(0, "a partial-batch response names a record of the batch");
            applied.UnionWith(part.Take(done).Where(r => FeedRecord.Of(r) is not null).Select(r => r.Sequence));
            if (failures.Count == 0)
            {
                return;
            }

            from += done;
        }
    }

    private Scenario NextScenario()
    {
        if (postponed is { } scenario)
        {
            postponed = null;
            return scenario;
        }

        scenarios.MoveNext();
        return scenarios.Current;
    }

    private TapkoProjectorFunction NewFunction() => new(Rig.Faulted, Rig.Options, ProjectorRig.ProjectorOptions());
}
