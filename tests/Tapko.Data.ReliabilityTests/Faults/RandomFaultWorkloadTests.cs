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
    [InlineData(SubmitMode.Transactional, 1)]
    [InlineData(SubmitMode.ReadThenWrite, 2)]
    public async Task A_random_workload_under_random_faults_ends_exactly_as_its_model(SubmitMode mode, int seed)
    {
        var operations = ReliabilityFixture.Soak ? 3_000 : 80;
        var random = new Random(seed);
        var faults = new Random(seed * 31);
        var injector = new FaultInjector { SlowDelay = TimeSpan.FromSeconds(2) };
        injector.Plan = _ =>
        {
            lock (faults)
            {
                return faults.NextDouble() < 0.2 ? Kinds[faults.Next(Kinds.Length)] : Fault.None;
            }
        };
        var client = NewClient(injector, maxErrorRetry: 3, timeout: TimeSpan.FromMilliseconds(300));
        var projects = new ProjectStore(client, Options());
        var feedback = new FeedbackStore(client, Options(o => o.SubmitMode = mode));
        var project = await NewProjectAsync();
        var model = new Dictionary<FeedbackId, (string Message, FeedbackStatus Status)>();
        var collecting = true;
        var cycle = new[] { FeedbackStatus.Open, FeedbackStatus.InProgress, FeedbackStatus.Resolved };

        for (var i = 0; i < operations; i++)
        {
            var roll = random.Next(100);
            if (roll < 40 || model.Count == 0)
            {
                var submission = new NewFeedback($"op {i}") { Id = FeedbackId.New() };
                var (accepted, closed) = await RepeatAsync(async () =>
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
            else if (roll < 70)
            {
                var (id, current) = model.ElementAt(random.Next(model.Count));
                var next = cycle[(Array.IndexOf(cycle, current.Status) + 1) % cycle.Length];
                var updated = await RepeatAsync(async () =>
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
                var toggled = await RepeatAsync(() => projects.SetCollectingFeedbackAsync(project, collecting, Ct));
                toggled.IsCollectingFeedback.Should().Be(collecting);
            }
            else if (roll < 90)
            {
                var (id, _) = model.ElementAt(random.Next(model.Count));
                await RepeatAsync(() => feedback.DeleteAsync(project, id, Ct));
                model.Remove(id);
            }
            else
            {
                var (id, expected) = model.ElementAt(random.Next(model.Count));
                var read = await RepeatAsync(() => feedback.GetAsync(project, id, Ct));
                read!.Status.Should().Be(expected.Status);
                read.Message.Should().Be(expected.Message);
            }
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
        ReliabilityTally.OperationChecked($"random workload ({mode})", operations);
        ReliabilityTally.InvariantChecked("final state equals the model (ids, messages, statuses, flag)", model.Count + 1);
    }

    /// <summary>Repeats a call while it fails with a clear fault, as a caller would; anything else fails the test.</summary>
    private static async Task<T> RepeatAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (value, error) = await Outcomes.TryAsync(call);
            if (error is null)
            {
                return value!;
            }

            if (!Outcomes.IsClearFault(error))
            {
                ReliabilityTally.Violation("unclear-failures", 1);
            }

            Outcomes.IsClearFault(error).Should().BeTrue("a fault must surface as the SDK's fault, not {0}: {1}", error.GetType().Name, error.Message);
            attempt.Should().BeLessThan(10);
        }
    }

    private static string Wire(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => "open",
        FeedbackStatus.InProgress => "in-progress",
        _ => "resolved",
    };
}
