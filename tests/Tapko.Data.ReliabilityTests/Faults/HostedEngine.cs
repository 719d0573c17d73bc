using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// The hosted projector (<see cref="TapkoProjector"/>, its <c>FeedReader</c>) over a faulted client. Each drain is a
/// <see cref="TapkoProjector.CatchUpAsync"/>; when it fails (a checkpoint, lease or heartbeat write failing on every
/// attempt) the instance is discarded as a crashed host would be, its lease dropped, and a fresh instance resumes from
/// the checkpoints in the table. Besides random faults, a drain may be one of:
/// <list type="bullet">
/// <item>a crash between applying a batch's counts and checkpointing it: the checkpoint write fails on every attempt,
/// so the fresh instance reads the applied batch again;</item>
/// <item>a partial batch: one project's counts write fails on every attempt (after the first one was applied but its
/// answer lost, or not), the rest of the batch goes on, and the next pass reads again from that project's record;</item>
/// <item>a rewind, after the drain: the checkpoint is set back to an earlier record, or deleted (the stream is read
/// again from its start, records of lives since ended included), and a fresh instance reads everything again, which
/// must leave every count as it was.</item>
/// </list>
/// </summary>
internal sealed class HostedEngine : ProjectorEngine
{
    private static readonly int[] ReadSizes = [5, 25, 100, 1_000];
    private readonly Random random;
    private readonly IEnumerator<Scenario> scenarios;
    private readonly HashSet<string> replays = new(StringComparer.Ordinal);
    private Scenario? postponed;
    private int drainedTo;
    private int lastDrainFrom;
    private TapkoProjector? instance;

    public HostedEngine(ProjectorRig rig)
        : base(rig)
    {
        random = new Random(rig.Seed);
        scenarios = Schedule(random, [Scenario.CrashBeforeCheckpoint, Scenario.PartialBatch, Scenario.Rewind], [(Scenario.Plain, 3), (Scenario.CrashBeforeCheckpoint, 2), (Scenario.PartialBatch, 2), (Scenario.Rewind, 2)]);
    }

    private enum Scenario
    {
        Plain,
        CrashBeforeCheckpoint,
        PartialBatch,
        Rewind,
    }

    public override string Name => "hosted";

    public override async Task DrainAsync(IReadOnlyList<ProjectId> touched, CancellationToken cancellationToken)
    {
        var scenario = postponed ?? Next(scenarios);
        postponed = null;
        string? partial = null;
        if (scenario == Scenario.CrashBeforeCheckpoint)
        {
            // Every attempt the SDK makes fails, none applied: the batch is counted, its checkpoint never written.
            Rig.Faults.Arm(KeyedFaults.Checkpoint, KeyedFaults.FailingWrite(appliedFirst: false));
        }
        else if (scenario == Scenario.PartialBatch && touched.Count == 0)
        {
            // No counts write to fail in this drain: the next drain is the partial one.
            postponed = scenario;
        }
        else if (scenario == Scenario.PartialBatch)
        {
            partial = KeyedFaults.Claim(touched[random.Next(touched.Count)]);
            Rig.Faults.Arm(partial, KeyedFaults.FailingWrite(appliedFirst: random.Next(2) == 0));
        }

        await CatchUpAsync(scenario == Scenario.CrashBeforeCheckpoint, cancellationToken);
        if (partial is not null)
        {
            // Spent: the write failed on every attempt; else it was never made (its changes left the counts as they were).
            Ledger.PartialBatches += Rig.Faults.Spent(partial) ? 1 : 0;
            postponed = Rig.Faults.Spent(partial) ? null : scenario;
        }
        else if (scenario == Scenario.CrashBeforeCheckpoint && !Rig.Faults.Spent(KeyedFaults.Checkpoint))
        {
            postponed = scenario;
        }

        Rig.Faults.Disarm();
        await Rig.Tap.ReadNewAsync(cancellationToken);
        (lastDrainFrom, drainedTo) = (drainedTo, Rig.Tap.All.Count);
        if (scenario == Scenario.Rewind)
        {
            await PureDuplicateAsync(() => RewindAsync(cancellationToken));
        }
    }

    private static Scenario Next(IEnumerator<Scenario> scenarios)
    {
        scenarios.MoveNext();
        return scenarios.Current;
    }

    /// <summary>Catches up, discarding every instance that fails and resuming with a fresh one, until one catches up.</summary>
    private async Task CatchUpAsync(bool crashArmed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            instance ??= await StartAsync(cancellationToken);
            try
            {
                await instance.CatchUpAsync(cancellationToken);
                break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not Xunit.Sdk.IAssertionException)
            {
                MustBeClearFault(e, "a catch-up");
                instance = null;
                Ledger.Crashes++;
                if (crashArmed && Rig.Faults.Spent(KeyedFaults.Checkpoint))
                {
                    Ledger.CrashesBeforeCheckpoint++;
                    crashArmed = false;
                }
            }

            attempt.Should().BeLessThan(30, "a fresh instance catches up once the faults let it");
        }

        // Every record a restart found applied but not checkpointed has been read again since.
        Ledger.Redelivered += replays.Count;
        replays.Clear();
    }

    /// <summary>A fresh instance where the last one left off: its lease dropped, the records it will read again noted.</summary>
    private async Task<TapkoProjector> StartAsync(CancellationToken cancellationToken)
    {
        await Rig.Clean.DeleteItemAsync(Rig.Table, new() { ["PK"] = new() { S = "TAPKO" }, ["SK"] = new() { S = "FEED#LEASE" } }, cancellationToken);
        await Rig.Tap.ReadNewAsync(cancellationToken);
        var checkpoints = await CheckpointsAsync(cancellationToken);
        var ahead = Rig.Tap.All.Where(r => !checkpoints.TryGetValue(r.Shard, out var at) || at is null || string.CompareOrdinal(r.Sequence, TappedRecord.Pad(at)) > 0);
        replays.UnionWith((await Ledger.AppliedAsync(ahead, cancellationToken)).Select(f => f.Sequence));

        // Batch sizes vary by instance, so replays cut through earlier batches at other places.
        return new TapkoProjector(Rig.Faulted, Rig.Options, ProjectorRig.ProjectorOptions(ReadSizes[random.Next(ReadSizes.Length)]));
    }

    /// <summary>Sets every checkpoint back to a random earlier record, or deletes it, and restarts: everything after it is read again.</summary>
    private async Task RewindAsync(CancellationToken cancellationToken)
    {
        await Rig.Tap.ReadNewAsync(cancellationToken);

        // From the stream's start, from any earlier record, or (the usual loss) from one the last drain read.
        var how = random.Next(3);
        foreach (var (shard, sequence) in await CheckpointsAsync(cancellationToken))
        {
            var key = new Dictionary<string, AttributeValue> { ["PK"] = new() { S = "TAPKO" }, ["SK"] = new() { S = "FEED#SHARD#" + shard } };
            bool Applied(TappedRecord r) => r.Shard == shard && sequence is not null && string.CompareOrdinal(r.Sequence, TappedRecord.Pad(sequence)) <= 0;
            var applied = Rig.Tap.All.Where(Applied).ToList();
            var recent = Rig.Tap.All.Skip(lastDrainFrom).Count(Applied);
            if (how == 0 || applied.Count < 2)
            {
                await Rig.Clean.DeleteItemAsync(Rig.Table, key, cancellationToken);
                continue;
            }

            // Not finished: the shard is read again from just after the record.
            var to = how == 2 && recent > 1 ? applied.Count - 1 - random.Next(1, recent) : random.Next(applied.Count - 1);
            await Rig.Clean.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = Rig.Table,
                    Key = key,
                    UpdateExpression = "SET sequenceNumber = :seq, finished = :no REMOVE #ttl",
                    ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                    ExpressionAttributeValues = new() { [":seq"] = new() { S = applied[to].Raw }, [":no"] = new() { BOOL = false } },
                },
                cancellationToken);
        }

        Ledger.Rewinds++;
        instance = null;
        await CatchUpAsync(crashArmed: false, cancellationToken);
    }

    private async Task<Dictionary<string, string?>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        var page = await Rig.Clean.QueryAsync(
            new QueryRequest
            {
                TableName = Rig.Table,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = "TAPKO" }, [":sk"] = new() { S = "FEED#SHARD#" } },
                ConsistentRead = true,
            },
            cancellationToken);
        return (page.Items ?? []).ToDictionary(i => i["SK"].S["FEED#SHARD#".Length..], i => i.GetValueOrDefault("sequenceNumber")?.S, StringComparer.Ordinal);
    }
}
