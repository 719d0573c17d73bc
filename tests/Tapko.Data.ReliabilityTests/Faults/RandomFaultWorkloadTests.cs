using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// A seeded random workload — submit, status update with the expected status, toggle, delete, read — where a
/// fifth of all requests meet a random fault. The caller follows the library's documented recovery (repeat the
/// call; a submission keeps its id; a conflict that reports the requested status means an earlier attempt applied)
/// and keeps a model; at the end a fault-free read must equal the model exactly. 80 operations per mode normally, 3,000
/// with <c>TAPKO_RELIABILITY_SOAK=1</c>.
/// </summary>
public sealed class RandomFaultWorkloadTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "workload")
{
    private static readonly Fault[] Kinds =
    [
        Fault.ProvisionedThroughputExceeded, Fault.Throttling, Fault.InternalServerError, Fault.ServiceUnavailable,
        Fault.ConnectionReset, Fault.ResponseLostAfterApply, Fault.SlowBeforeApply, Fault.SlowAfterApply,
    ];

    [Theory]
    [InlineData(SubmitMode.Transactional, 1, 1)]
    [InlineData(SubmitMode.ReadThenWrite, 2, 1)]
    [InlineData(SubmitMode.Transactional, 3, 4)]
    [InlineData(SubmitMode.ReadThenWrite, 4, 16)]
    public async Task A_random_workload_under_random_faults_ends_exactly_as_its_model(SubmitMode mode, int seed, int shards)
    {
        var operations = ReliabilityFixture.Soak ? 3_000 : 80;
        var random = new Random(seed);
        var faults = new Random(seed * 31);
        var injector = new FaultInjector();
        injector.Plan = _ =>
        {
            lock (faults)
            {
                return faults.NextDouble() < 0.2 ? Kinds[faults.Next(Kinds.Length)] : Fault.None;
            }
        };
        var client = NewClient(injector, maxErrorRetry: 3);
        var projects = new ProjectStore(client, Options());
        var feedback = new FeedbackStore(client, Options(o => o.SubmitMode = mode));
        // A sharded project takes the same workload: its heads count and close exactly as the project item does.
        var project = await NewProjectAsync(shards: shards);
        var model = new Dictionary<FeedbackId, (string Message, FeedbackStatus Status)>();
        var collecting = true;
        var cycle = new[] { FeedbackStatus.Open, FeedbackStatus.InProgress, FeedbackStatus.Resolved };

        for (var i = 0; i < operations; i++)
        {
            var roll = random.Next(100);
            if (roll < 40 || model.Count == 0)
            {
                var submission = new NewFeedback($"op {i}") { Id = FeedbackId.New() };
                var (accepted, closed) = await Outcomes.RepeatAsync(async () =>
                {
                    try
                    {
                        return (await feedback.SubmitAsync(project, submission, Ct), false);
                    }
                    catch (FeedbackCollectionClosedException)
                    {
                        return ((Feedback?)null, true);
                    }
                });
                closed.Should().Be(!collecting, "a submission is refused exactly when the project is closed");
                if (accepted is not null)
                {
                    model[submission.Id!.Value] = (submission.Message, FeedbackStatus.Open);
                }
            }
            else if (roll < 45)
            {
                // A client retrying a submission it already made, long after: the stored one comes back, counted once.
                var (id, current) = model.ElementAt(random.Next(model.Count));
                if (collecting)
                {
                    // Inside DynamoDB's idempotency window a transactional repeat is answered like the first call
                    // (status open); after it, or read-then-write, with the item as it is now. Either way: the same item.
                    var again = await Outcomes.RepeatAsync(() => feedback.SubmitAsync(project, new NewFeedback(current.Message) { Id = id }, Ct));
                    again.Id.Should().Be(id);
                }
            }
            else if (roll < 52)
            {
                // "Resolve these": a bulk move of a few items, some maybe already there, one maybe deleted.
                var ids = model.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToList();
                var target = cycle[random.Next(cycle.Length)];
                var results = await Outcomes.RepeatAsync(() => feedback.MoveManyAsync(project, ids, target, cancellationToken: Ct));
                results.Select(r => r.Outcome).Should().OnlyContain(o => o == FeedbackMoveOutcome.Moved);
                foreach (var id in ids)
                {
                    model[id] = (model[id].Message, target);
                }
            }
            else if (roll < 70)
            {
                var (id, current) = model.ElementAt(random.Next(model.Count));
                // Sometimes the status it already has: a move that changes nothing must count nothing.
                var next = random.Next(5) == 0 ? current.Status : cycle[(Array.IndexOf(cycle, current.Status) + 1) % cycle.Length];
                var updated = await Outcomes.RepeatAsync(async () =>
                {
                    try
                    {
                        return await feedback.UpdateStatusAsync(project, id, next, current.Status, Ct);
                    }
                    catch (ConcurrencyConflictException conflict) when (conflict.Actual == Wire(next))
                    {
                        // A previous call of this loop was applied but its failure was all we saw.
                        return (await CleanFeedback.GetAsync(project, id, Ct))!;
                    }
                });
                updated.Status.Should().Be(next);
                model[id] = (current.Message, next);
            }
            else if (roll < 80)
            {
                collecting = random.Next(2) == 0;
                var toggled = await Outcomes.RepeatAsync(() => projects.SetCollectingFeedbackAsync(project, collecting, Ct));
                toggled.IsCollectingFeedback.Should().Be(collecting);
            }
            else if (roll < 90)
            {
                var (id, _) = model.ElementAt(random.Next(model.Count));
                await Outcomes.RepeatAsync(() => feedback.DeleteAsync(project, id, Ct));
                model.Remove(id);
            }
            else
            {
                var (id, expected) = model.ElementAt(random.Next(model.Count));
                var read = await Outcomes.RepeatAsync(() => feedback.GetAsync(project, id, Ct));
                read!.Status.Should().Be(expected.Status);
                read.Message.Should().Be(expected.Message);
            }

            // After every step the counters equal the model and a full read of the project, whatever faults hit the step.
            var counts = await CleanFeedback.GetStatusCountsAsync(project, Ct);
            var readBack = await AllFeedbackAsync(project);
            counts.Should().Be(CountsOf(model.Values.Select(v => v.Status)), "the counters equal the model after step {0}", i);
            counts.Should().Be(CountsOf(readBack.Select(f => f.Status)), "the counters equal a full read after step {0}", i);
            ReliabilityTally.InvariantChecked("status counts equal the model and a full read after every step");
        }

        var stored = await AllFeedbackAsync(project);
        var lost = model.Keys.Count(id => stored.All(f => f.Id != id));
        var duplicated = stored.GroupBy(f => f.Id).Count(g => g.Count() > 1);
        var unexpected = stored.Count(f => !model.ContainsKey(f.Id));
        ReliabilityTally.Violation("lost", lost);
        ReliabilityTally.Violation("duplicated", duplicated + unexpected);
        stored.Select(f => (f.Id, f.Message, f.Status)).Should().BeEquivalentTo(model.Select(m => (m.Key, m.Value.Message, m.Value.Status)));
        (await CleanProjects.GetAsync(project, Ct))!.IsCollectingFeedback.Should().Be(collecting);
        injector.FaultsInjected.Should().BeGreaterThan(operations / 10);
        ReliabilityTally.OperationChecked(shards == 1 ? $"random workload ({mode})" : $"random workload ({mode}, {shards} shards)", operations);
        ReliabilityTally.InvariantChecked("final state equals the model (ids, messages, statuses, flag)", model.Count + 1);
    }

    internal static FeedbackStatusCounts CountsOf(IEnumerable<FeedbackStatus> statuses)
    {
        var all = statuses.ToList();
        return new FeedbackStatusCounts(all.Count(s => s == FeedbackStatus.Open), all.Count(s => s == FeedbackStatus.InProgress), all.Count(s => s == FeedbackStatus.Resolved));
    }

    internal static string Wire(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => "open",
        FeedbackStatus.InProgress => "in-progress",
        _ => "resolved",
    };
}
