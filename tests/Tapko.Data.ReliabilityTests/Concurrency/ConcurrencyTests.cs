using System.Collections.Concurrent;
using System.Diagnostics;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Concurrency;

/// <summary>
/// Many tasks on one project at once — submissions, status updates that name the status they expect, and collection
/// toggles — each task with its own client whose every 9th request has its answer lost after DynamoDB applied it, so
/// the SDK's retries race the other tasks too. Afterwards every invariant is checked against a fault-free read.
/// </summary>
public sealed class ConcurrencyTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "concurrency")
{
    private const int Tasks = 32;
    private static readonly FeedbackStatus[] Cycle = [FeedbackStatus.Open, FeedbackStatus.InProgress, FeedbackStatus.Resolved];

    private static int OperationsPerTask => ReliabilityFixture.Soak ? 400 : 40;

    [Fact]
    public async Task Mixed_parallel_work_on_one_project_keeps_every_invariant()
    {
        var project = await NewProjectAsync();
        var seeded = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CleanFeedback.SubmitAsync(project, new NewFeedback($"seed {i}"), Ct)));
        var targets = seeded.Select(f => f.Id).ToArray();
        var injectors = Enumerable.Range(0, Tasks).Select(_ => new FaultInjector { Plan = r => r.Sequence % 9 == 0 ? Fault.ResponseLostAfterApply : Fault.None }).ToArray();

        var submissions = new ConcurrentBag<SubmissionRecord>();
        var transitions = new ConcurrentBag<TransitionRecord>();
        var toggles = new ConcurrentBag<ToggleRecord>();
        var unclear = new ConcurrentBag<Exception>();

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919);
            var injector = injectors[worker];
            var client = NewClient(injector);
            var projects = new ProjectStore(client, Options());
            var feedback = new FeedbackStore(client, Options());
            for (var i = 0; i < OperationsPerTask; i++)
            {
                var roll = random.Next(100);
                if (roll < 45)
                {
                    submissions.Add(await SubmitAsync(feedback, project, $"worker {worker} op {i}", unclear));
                }
                else if (roll < 90)
                {
                    var target = targets[random.Next(targets.Length)];
                    var expected = Cycle[random.Next(Cycle.Length)];
                    transitions.Add(await TransitionAsync(feedback, injector, project, target, expected, unclear));
                }
                else
                {
                    toggles.Add(await ToggleAsync(projects, project, random.Next(2) == 0, unclear));
                }
            }
        }, Ct)));

        // Finally a close is acknowledged, and then nothing may be accepted.
        var close = await ToggleAsync(CleanProjects, project, false, unclear);
        close.Succeeded.Should().BeTrue();
        var late = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => SubmitAsync(Feedback, project, $"late {i}", unclear)));

        unclear.Should().BeEmpty("every failure must be a domain answer or a clear fault the caller can retry");
        var stored = await AllFeedbackAsync(project);
        CheckSubmissions(submissions.Concat(late).ToList(), stored, seeded.Length);
        CheckTransitions(transitions.ToList(), stored, targets);
        CheckClose(submissions.ToList(), toggles.ToList());

        // 32 callers submitted and moved at once, every 9th answer lost: the counters still equal a full read.
        var counts = await CleanFeedback.GetStatusCountsAsync(project, Ct);
        counts.Should().Be(new FeedbackStatusCounts(
            stored.Count(f => f.Status == FeedbackStatus.Open),
            stored.Count(f => f.Status == FeedbackStatus.InProgress),
            stored.Count(f => f.Status == FeedbackStatus.Resolved)));
        ReliabilityTally.InvariantChecked("status counts equal a full read after concurrent submits and moves");
        late.Should().OnlyContain(s => s.Closed && !s.Acknowledged, "a close was acknowledged before these started");
        ReliabilityTally.InvariantChecked("no submission accepted after an acknowledged close", late.Length);
        injectors.Sum(i => i.InjectedOf(Fault.ResponseLostAfterApply)).Should().BeGreaterThan(0);
        foreach (var injector in injectors)
        {
            injector.Dispose();
        }

        ReliabilityTally.OperationChecked("concurrent operations", submissions.Count + transitions.Count + toggles.Count + late.Length + 1);
    }

    private static void CheckSubmissions(List<SubmissionRecord> submissions, List<Feedback> stored, int seeded)
    {
        var byId = stored.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.Count());
        var duplicated = byId.Values.Count(n => n > 1);
        var acknowledged = submissions.Where(s => s.Acknowledged).ToList();
        var lost = acknowledged.Count(s => !byId.ContainsKey(s.Id));
        var refusedButStored = submissions.Count(s => !s.Acknowledged && byId.ContainsKey(s.Id));
        ReliabilityTally.Violation("duplicated", duplicated);
        ReliabilityTally.Violation("lost", lost);
        duplicated.Should().Be(0);
        lost.Should().Be(0, "every acknowledged submission is stored");
        refusedButStored.Should().Be(0, "a refused submission writes nothing");
        stored.Count.Should().Be(seeded + acknowledged.Count);
        foreach (var s in acknowledged)
        {
            stored.Single(f => f.Id == s.Id).Message.Should().Be(s.Message);
        }

        ReliabilityTally.InvariantChecked("acknowledged submission stored exactly once", acknowledged.Count);
        ReliabilityTally.InvariantChecked("refused submission stored nowhere", submissions.Count - acknowledged.Count);
    }

    /// <summary>
    /// Each update moves the item one step along open → in-progress → resolved → open from the status it expected, so
    /// per item the applied steps form one walk from open to the final status: after L full laps, step k is taken
    /// L + (k &lt; final ? 1 : 0) times. Every acknowledged step must be in that walk: one more would be an update
    /// acknowledged without being applied, or applied against a stale expectation. The walk may hold more steps than
    /// were acknowledged only through calls whose answer was lost, and at most one more per such call: its SDK retry
    /// either met another task's newer update (applied, reported as a conflict) or found the item back at the expected
    /// status after other tasks moved it round (applied a second time). Both are documented limits; they are counted.
    /// </summary>
    private static void CheckTransitions(List<TransitionRecord> transitions, List<Feedback> stored, FeedbackId[] targets)
    {
        var ambiguous = 0;
        foreach (var target in targets)
        {
            var final = Array.IndexOf(Cycle, stored.Single(f => f.Id == target).Status);
            var acknowledged = Cycle.Select(from => transitions.Count(t => t.Target == target && t.Applied && t.Expected == from)).ToArray();
            var afterLostAnswer = Cycle.Select(from => transitions.Count(t => t.Target == target && t.AnswerLost && t.Expected == from)).ToArray();
            var laps = Enumerable.Range(0, acknowledged.Max() + afterLostAnswer.Max() + 2).Where(l =>
                Enumerable.Range(0, 3).All(k =>
                {
                    var walk = l + (k < final ? 1 : 0);
                    return acknowledged[k] <= walk && walk <= acknowledged[k] + afterLostAnswer[k];
                })).Cast<int?>().FirstOrDefault();
            ReliabilityTally.Violation("stale-status-updates-applied", laps is null ? 1 : 0);
            laps.Should().NotBeNull(
                "the steps of {0} (acknowledged {1}, after a lost answer {2}) must form one walk from open to {3}",
                target, string.Join("/", acknowledged), string.Join("/", afterLostAnswer), Cycle[final]);
            ambiguous += Enumerable.Range(0, 3).Sum(k => laps!.Value + (k < final ? 1 : 0) - acknowledged[k]);
        }

        ReliabilityTally.Add("note.status-steps-applied-beyond-acknowledged-after-a-lost-answer", ambiguous);
        ReliabilityTally.Add("note.status-calls-with-a-lost-answer", transitions.Count(t => t.AnswerLost));
        foreach (var conflict in transitions.Where(t => !t.Applied))
        {
            conflict.Actual.Should().NotBe(WireName(conflict.Expected), "a conflict reports a status other than the expected one");
        }

        ReliabilityTally.InvariantChecked("no status update applied against a stale expected status", transitions.Count);
    }

    /// <summary>
    /// A submission accepted at some instant needs the project open then: for every close acknowledged before the
    /// submission started, an open must have been sent after that close began and before the submission ended.
    /// </summary>
    private static void CheckClose(List<SubmissionRecord> submissions, List<ToggleRecord> toggles)
    {
        var violations = 0;
        var checkedCount = 0;
        foreach (var s in submissions.Where(s => s.Acknowledged))
        {
            foreach (var close in toggles.Where(t => !t.Open && t.Succeeded && t.Ended < s.Started))
            {
                checkedCount++;
                var reopened = toggles.Any(t => t.Open && t.Started < s.Ended && t.Ended > close.Started);
                if (!reopened)
                {
                    violations++;
                }
            }
        }

        ReliabilityTally.Violation("submissions-accepted-after-close", violations);
        violations.Should().Be(0, "no submission may be accepted after a close was acknowledged");
        ReliabilityTally.InvariantChecked("no submission accepted after an acknowledged close (pairs)", checkedCount);
    }

    /// <summary>Submits with a fixed id, repeating the call on a clear fault as the library documents; domain refusals end it.</summary>
    private static async Task<SubmissionRecord> SubmitAsync(FeedbackStore store, ProjectKey project, string message, ConcurrentBag<Exception> unclear)
    {
        var submission = new NewFeedback(message) { Id = FeedbackId.New() };
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (result, error) = await Outcomes.TryAsync(() => store.SubmitAsync(project, submission, Ct));
            if (error is null)
            {
                result!.Id.Should().Be(submission.Id!.Value);
                return new SubmissionRecord(submission.Id.Value, message, true, false, started, Stopwatch.GetTimestamp());
            }

            if (error is FeedbackCollectionClosedException)
            {
                return new SubmissionRecord(submission.Id.Value, message, false, true, started, Stopwatch.GetTimestamp());
            }

            if (!Outcomes.IsClearFault(error) || attempt == 10)
            {
                unclear.Add(error);
                return new SubmissionRecord(submission.Id.Value, message, false, false, started, Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>One update; the worker's calls are sequential, so its injector tells whether this call's answer was lost.</summary>
    private static async Task<TransitionRecord> TransitionAsync(FeedbackStore store, FaultInjector injector, ProjectKey project, FeedbackId target, FeedbackStatus expected, ConcurrentBag<Exception> unclear)
    {
        var next = Cycle[(Array.IndexOf(Cycle, expected) + 1) % Cycle.Length];
        var lostBefore = injector.InjectedOf(Fault.ResponseLostAfterApply);
        var (result, error) = await Outcomes.TryAsync(() => store.UpdateStatusAsync(project, target, next, expected, Ct));
        var answerLost = injector.InjectedOf(Fault.ResponseLostAfterApply) > lostBefore;
        switch (error)
        {
            case null:
                result!.Status.Should().Be(next);
                return new TransitionRecord(target, expected, true, null, answerLost);
            case ConcurrencyConflictException conflict:
                return new TransitionRecord(target, expected, false, conflict.Actual, answerLost);
            default:
                unclear.Add(error);
                return new TransitionRecord(target, expected, false, null, answerLost);
        }
    }

    private static async Task<ToggleRecord> ToggleAsync(ProjectStore store, ProjectKey project, bool open, ConcurrentBag<Exception> unclear)
    {
        var started = Stopwatch.GetTimestamp();
        var (result, error) = await Outcomes.TryAsync(() => store.SetCollectingFeedbackAsync(project, open, Ct));
        if (error is not null && !(error is Amazon.Runtime.AmazonServiceException { ErrorCode: "TransactionConflictException" }))
        {
            unclear.Add(error);
        }

        result?.IsCollectingFeedback.Should().Be(open);
        return new ToggleRecord(open, error is null, started, Stopwatch.GetTimestamp());
    }

    private static string WireName(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => "open",
        FeedbackStatus.InProgress => "in-progress",
        _ => "resolved",
    };

    private sealed record SubmissionRecord(FeedbackId Id, string Message, bool Acknowledged, bool Closed, long Started, long Ended);

    private sealed record TransitionRecord(FeedbackId Target, FeedbackStatus Expected, bool Applied, string? Actual, bool AnswerLost);

    private sealed record ToggleRecord(bool Open, bool Succeeded, long Started, long Ended);
}
