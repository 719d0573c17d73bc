using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// What a projector engine of the streamed workload works with: a client of its own through a fault injector planned
/// by <see cref="Faults"/>, the fixture's fault-free client (to read and set back checkpoints), the store options, a tap
/// on the stream, the ledger of what it did, a snapshot of every live project's counts, and a seed of its own.
/// </summary>
internal sealed record ProjectorRig(
    IAmazonDynamoDB Faulted,
    IAmazonDynamoDB Clean,
    string Table,
    TapkoStoreOptions Options,
    StreamTap Tap,
    KeyedFaults Faults,
    FeedLedger Ledger,
    Func<Task<List<(ProjectKey Project, long Open, long InProgress, long Resolved)>>> Snapshot,
    int Seed)
{
    /// <summary>DynamoDB Local serves the Streams API without checking signatures; the projector still signs.</summary>
    public static readonly AWSCredentials StreamsCredentials = new BasicAWSCredentials("tapkolocal", "tapkolocal");

    /// <summary>
    /// The projector's settings: no wall-clock behaviour that a verdict could meet. The lease (the longest allowed) outlasts a run, and is
    /// dropped by the test when it discards an instance, so a fresh one never waits for it; the heartbeat is written
    /// when a projector starts and when it catches up, not by the clock; waits between passes only pace the work.
    /// </summary>
    public static TapkoProjectorOptions ProjectorOptions(int maxRecordsPerRead = 1_000) => new()
    {
        StreamsCredentials = StreamsCredentials,
        PollInterval = TimeSpan.FromMilliseconds(20),
        LeaseDuration = TimeSpan.FromMinutes(10),
        HeartbeatInterval = TimeSpan.FromMinutes(10),
        MaxRecordsPerRead = maxRecordsPerRead,
    };
}

/// <summary>
/// A projector under test, driven step by step by the workload (never in the background, so nothing races the
/// writers): <see cref="DrainAsync"/> brings every count up to the changes made so far, through the engine's own
/// faults, and returns only once it has; the workload then compares the counts with a full read.
/// </summary>
internal abstract class ProjectorEngine(ProjectorRig rig)
{
    protected ProjectorRig Rig { get; } = rig;

    protected FeedLedger Ledger => Rig.Ledger;

    public abstract string Name { get; }

    /// <summary>Applies every change made so far, whatever faults and replays it meets on the way.</summary>
    /// <param name="touched">Projects changed since the last drain: where a failing counts write can be armed.</param>
    /// <param name="cancellationToken">The test's token.</param>
    public abstract Task DrainAsync(IReadOnlyList<ProjectId> touched, CancellationToken cancellationToken);

    /// <summary>A failure of the projector that is the fault it met, as its host would log it and carry on; anything else fails the test.</summary>
    protected static void MustBeClearFault(Exception e, string what)
    {
        if (!Outcomes.IsClearFault(e))
        {
            ReliabilityTally.Violation("unclear-failures", 1);
        }

        Outcomes.IsClearFault(e).Should().BeTrue("{0} may fail only on an injected fault, not {1}: {2}", what, e.GetType().Name, e.Message);
    }

    /// <summary>
    /// Delivers <paramref name="deliver"/>, all of it applied before, and checks that no count moved: a duplicate delivery
    /// must be ignored, not merely come out right in the end.
    /// </summary>
    protected async Task PureDuplicateAsync(Func<Task> deliver)
    {
        var before = await Rig.Snapshot();
        await deliver();
        (await Rig.Snapshot()).Should().Equal(before, "records applied before and delivered again change no count");
        Ledger.PureDuplicates++;
        ReliabilityTally.InvariantChecked("a delivery of records applied before changes no count (streamed workload)", before.Count);
    }

    /// <summary>A seeded order of scenarios: each of <paramref name="forced"/> once, in a random order, then random draws.</summary>
    protected static IEnumerator<T> Schedule<T>(Random random, T[] forced, (T Scenario, int Weight)[] weights)
    {
        foreach (var scenario in forced.OrderBy(_ => random.Next()).ToList())
        {
            yield return scenario;
        }

        var total = weights.Sum(w => w.Weight);
        while (true)
        {
            var roll = random.Next(total);
            foreach (var (scenario, weight) in weights)
            {
                if ((roll -= weight) < 0)
                {
                    yield return scenario;
                    break;
                }
            }
        }
    }
}
