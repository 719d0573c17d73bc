using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// Every fault kind against every write path, through the SDK's own retries (standard mode, 3 retries; the slow
/// faults time out as the client's timeout would). Transient: the first request of each DynamoDB operation the call
/// sends is faulted, and the call must succeed with its effect applied exactly once. Persistent: every attempt is
/// faulted until the SDK gives up; the call must fail with the SDK's fault (never a domain exception the fault cannot
/// justify), and the caller's documented recovery — the same call again — must leave the effect applied once. A final
/// fault-free read checks the state each time.
/// </summary>
public sealed class FaultMatrixTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "faults")
{
    public static TheoryData<Fault> Faults =>
    [
        Fault.ProvisionedThroughputExceeded, Fault.Throttling, Fault.InternalServerError, Fault.ServiceUnavailable,
        Fault.ConnectionReset, Fault.ResponseLostAfterApply, Fault.SlowBeforeApply, Fault.SlowAfterApply,
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_write_takes_effect_once_or_fails_with_the_fault(Fault fault)
    {
        var cases = new List<Task>();
        foreach (var persistent in new[] { false, true })
        {
            cases.Add(SubmitAsync(fault, persistent, SubmitMode.Transactional));
            cases.Add(SubmitAsync(fault, persistent, SubmitMode.ReadThenWrite));
            cases.Add(UpdateStatusAsync(fault, persistent, withExpectation: true));
            cases.Add(UpdateStatusAsync(fault, persistent, withExpectation: false));
            cases.Add(ToggleAsync(fault, persistent));
            cases.Add(RenameAsync(fault, persistent));
            cases.Add(CreateAsync(fault, persistent));
            cases.Add(DeleteFeedbackAsync(fault, persistent));
            cases.Add(DeleteProjectAsync(fault, persistent));
        }

        await Task.WhenAll(cases);
    }

    private static bool AppliesBeforeFailing(Fault fault) => fault is Fault.ResponseLostAfterApply or Fault.SlowAfterApply;

    private async Task SubmitAsync(Fault fault, bool persistent, SubmitMode mode)
    {
        var project = await NewProjectAsync();
        // Read-then-write is a read and a plain put only without counters; with them every submission is a transaction.
        var harness = Harness(fault, persistent, mode == SubmitMode.Transactional ? ["TransactWriteItems"] : ["GetItem", "PutItem"], mode == SubmitMode.Transactional ? ["TransactWriteItems"] : ["PutItem"]);
        var store = new FeedbackStore(harness.Client, Options(o =>
        {
            o.SubmitMode = mode;
            o.StatusCounts = mode == SubmitMode.Transactional ? StatusCountsMode.Maintained : StatusCountsMode.None;
        }));
        var submission = new NewFeedback($"submitted under {fault}") { Id = FeedbackId.New() };

        var result = await harness.RunAsync(() => store.SubmitAsync(project, submission, Ct), () => store.SubmitAsync(project, submission, Ct));

        var stored = await AllFeedbackAsync(project);
        stored.Should().ContainSingle("one submission, however often it was sent ({0}, {1})", fault, mode);
        stored[0].Id.Should().Be(submission.Id!.Value);
        stored[0].Message.Should().Be(submission.Message);
        result.Id.Should().Be(submission.Id!.Value);
        result.Message.Should().Be(submission.Message);
        ReliabilityTally.InvariantChecked("submission stored exactly once");
        ReliabilityTally.OperationChecked($"submit ({mode})");
    }

    private async Task UpdateStatusAsync(Fault fault, bool persistent, bool withExpectation)
    {
        var project = await NewProjectAsync();
        var feedback = await CleanFeedback.SubmitAsync(project, new NewFeedback("to triage"), Ct);
        // With counters a status move is one transaction of the item and the project's counters.
        var harness = Harness(fault, persistent, ["TransactWriteItems"], ["TransactWriteItems"]);
        var store = new FeedbackStore(harness.Client, Options());
        FeedbackStatus? expected = withExpectation ? FeedbackStatus.Open : null;

        // A repeat after a persistent fault that applied the change may rightly find the status already moved: a
        // conflict whose Actual is the status the caller asked for, which is what a caller re-reads and accepts.
        var result = await harness.RunAsync(
            () => store.UpdateStatusAsync(project, feedback.Id, FeedbackStatus.InProgress, expected, Ct),
            async () =>
            {
                try
                {
                    return await store.UpdateStatusAsync(project, feedback.Id, FeedbackStatus.InProgress, expected, Ct);
                }
                catch (ConcurrencyConflictException conflict) when (withExpectation && AppliesBeforeFailing(fault) && conflict.Actual == "in-progress")
                {
                    return (await CleanFeedback.GetAsync(project, feedback.Id, Ct))!;
                }
            });

        result.Status.Should().Be(FeedbackStatus.InProgress);
        var now = await CleanFeedback.GetAsync(project, feedback.Id, Ct);
        now!.Status.Should().Be(FeedbackStatus.InProgress);
        (await CleanFeedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(0, 1, 0), "the counters moved exactly once");
        (await CleanFeedback.ListByStatusAsync(project, FeedbackStatus.InProgress, cancellationToken: Ct)).Items.Should().ContainSingle();
        (await CleanFeedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct)).Items.Should().BeEmpty();
        ReliabilityTally.InvariantChecked("status applied once, index entry moved once");
        ReliabilityTally.OperationChecked(withExpectation ? "update status (expected)" : "update status");
    }

    private async Task ToggleAsync(Fault fault, bool persistent)
    {
        var project = await NewProjectAsync();
        var harness = Harness(fault, persistent, ["UpdateItem"], ["UpdateItem"]);
        var store = new ProjectStore(harness.Client, Options());

        var result = await harness.RunAsync(() => store.SetCollectingFeedbackAsync(project, false, Ct), () => store.SetCollectingFeedbackAsync(project, false, Ct));

        var now = (await CleanProjects.GetAsync(project, Ct))!;
        now.IsCollectingFeedback.Should().BeFalse();
        result.IsCollectingFeedback.Should().BeFalse();

        // One call bumps the version once however often the SDK sent it; a failed call that was applied counts once more.
        var calls = 1 + (harness.Failed && AppliesBeforeFailing(fault) ? 1 : 0);
        now.Version.Should().Be(1 + calls, "each call applies once ({0}, persistent {1})", fault, persistent);
        ReliabilityTally.InvariantChecked("toggle applied once per call (version)");
        ReliabilityTally.OperationChecked("toggle");
    }

    private async Task RenameAsync(Fault fault, bool persistent)
    {
        var project = await NewProjectAsync();
        var harness = Harness(fault, persistent, ["UpdateItem"], ["UpdateItem"]);
        var store = new ProjectStore(harness.Client, Options());

        var result = await harness.RunAsync(
            () => store.RenameAsync(project, "Renamed", 1, Ct),
            async () =>
            {
                try
                {
                    return await store.RenameAsync(project, "Renamed", 1, Ct);
                }
                catch (ConcurrencyConflictException conflict) when (AppliesBeforeFailing(fault) && conflict.Actual == "2")
                {
                    return (await CleanProjects.GetAsync(project, Ct))!;
                }
            });

        var now = (await CleanProjects.GetAsync(project, Ct))!;
        now.Name.Should().Be("Renamed");
        now.Version.Should().Be(2);
        result.Should().Be(now);
        ReliabilityTally.InvariantChecked("rename applied once (version)");
        ReliabilityTally.OperationChecked("rename");
    }

    private async Task CreateAsync(Fault fault, bool persistent)
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        // The partition probe before the transaction is a read; the write is the transaction of project and claim.
        var harness = Harness(fault, persistent, ["TransactWriteItems"], ["TransactWriteItems"]);
        var store = new ProjectStore(harness.Client, Options());

        var result = await harness.RunAsync(
            () => store.CreateAsync(project, "Created", cancellationToken: Ct),
            async () =>
            {
                try
                {
                    return await store.CreateAsync(project, "Created", cancellationToken: Ct);
                }
                catch (DuplicateItemException) when (AppliesBeforeFailing(fault))
                {
                    return (await CleanProjects.GetAsync(project, Ct))!;
                }
            });

        var now = (await CleanProjects.GetAsync(project, Ct))!;
        now.Should().Be(result);
        now.Version.Should().Be(1);
        (await CleanProjects.ListAsync(project.Owner, cancellationToken: Ct)).Items.Should().ContainSingle();
        ReliabilityTally.InvariantChecked("project created exactly once");
        ReliabilityTally.OperationChecked("create project");
    }

    private async Task DeleteFeedbackAsync(Fault fault, bool persistent)
    {
        var project = await NewProjectAsync();
        var feedback = await CleanFeedback.SubmitAsync(project, new NewFeedback("to delete"), Ct);
        var keep = await CleanFeedback.SubmitAsync(project, new NewFeedback("to keep"), Ct);
        // With counters a feedback delete is one transaction of the delete and the project's counters.
        var harness = Harness(fault, persistent, ["TransactWriteItems"], ["TransactWriteItems"]);
        var store = new FeedbackStore(harness.Client, Options());

        var deleted = await harness.RunAsync(() => store.DeleteAsync(project, feedback.Id, Ct), () => store.DeleteAsync(project, feedback.Id, Ct));

        // A resend of an applied delete finds nothing and reports false: the item is gone either way (documented).
        // So false is only acceptable when an earlier attempt of this very delete reached DynamoDB.
        if (!deleted)
        {
            harness.Injector.ForwardedOf("TransactWriteItems").Should().BeGreaterThan(
                1, "only a resend of an applied delete may report false ({0}, persistent {1}, requests {2})", fault, persistent, harness.Injector.RequestsOf("TransactWriteItems"));
            ReliabilityTally.Add("note.feedback-delete-reported-false-after-own-applied-attempt", 1);
        }

        (await AllFeedbackAsync(project)).Should().Equal(keep);
        (await CleanFeedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(1, 0, 0), "the delete was counted out exactly once");
        ReliabilityTally.InvariantChecked("feedback deleted, neighbour kept");
        ReliabilityTally.OperationChecked("delete feedback");
    }

    private async Task DeleteProjectAsync(Fault fault, bool persistent)
    {
        var owner = NewOwner();
        var project = await NewProjectAsync(owner);
        var neighbour = await NewProjectAsync(NewOwner("neighbour"));
        var sibling = await NewProjectAsync(owner);
        var readThenWrite = new FeedbackStore(Fixture.Client, Options(o => o.SubmitMode = SubmitMode.ReadThenWrite));
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => readThenWrite.SubmitAsync(project, new NewFeedback($"doomed {i}"), Ct)));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => readThenWrite.SubmitAsync(neighbour, new NewFeedback($"neighbour {i}"), Ct)));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => readThenWrite.SubmitAsync(sibling, new NewFeedback($"sibling {i}"), Ct)));
        var before = await ItemsOfAsync(neighbour, sibling);
        var harness = Harness(fault, persistent, ["UpdateItem", "Query", "BatchWriteItem", "TransactWriteItems"], ["BatchWriteItem"]);
        var store = new ProjectStore(harness.Client, Options());

        var deleted = await harness.RunAsync(() => store.DeleteAsync(project, Ct), () => store.DeleteAsync(project, Ct));

        if (!harness.Failed)
        {
            deleted.Should().Be(60);
        }

        (await CleanProjects.GetAsync(project, Ct)).Should().BeNull();
        (await ScanAsync()).Should().NotContain(i => i["projectId"].S == project.ProjectId.Value, "the project, its feedback and the claim on its id are gone");
        (await ItemsOfAsync(neighbour, sibling)).Should().BeEquivalentTo(before, "no other project is touched");
        ReliabilityTally.InvariantChecked("project and all its feedback gone, other projects untouched");
        ReliabilityTally.OperationChecked("delete project");
    }

    /// <summary>Every raw item (project and feedback) of the given projects, rendered for comparison.</summary>
    private async Task<List<string>> ItemsOfAsync(params ProjectKey[] projects) =>
        (await ScanAsync())
            .Where(i => projects.Any(p => i["userId"].S == p.Owner.Value && i["projectId"].S == p.ProjectId.Value))
            .Select(Render)
            .ToList();

    private static string Render(Dictionary<string, AttributeValue> item) =>
        string.Join("|", item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.S ?? p.Value.N ?? p.Value.BOOL?.ToString() ?? (p.Value.M is null ? "?" : "map")}"));

    private FaultHarness Harness(Fault fault, bool persistent, string[] transientTargets, string[] persistentTargets)
    {
        var injector = new FaultInjector();
        var client = NewClient(injector, maxErrorRetry: 3);
        var harness = new FaultHarness(injector, client, fault, persistent);
        injector.Plan = r =>
        {
            if (!harness.Armed)
            {
                return Fault.None;
            }

            return persistent
                ? persistentTargets.Contains(r.Operation) ? fault : Fault.None
                : transientTargets.Contains(r.Operation) && r.OperationSequence == 1 ? fault : Fault.None;
        };
        return harness;
    }

    /// <summary>Runs the call under faults; a persistent fault must make it fail clearly, and then the fault-free recovery runs.</summary>
    private sealed class FaultHarness(FaultInjector injector, Amazon.DynamoDBv2.IAmazonDynamoDB client, Fault fault, bool persistent)
    {
        private volatile bool armed = true;

        public bool Armed => armed;

        public Amazon.DynamoDBv2.IAmazonDynamoDB Client { get; } = client;

        public FaultInjector Injector { get; } = injector;

        public bool Failed { get; private set; }

        public async Task<T> RunAsync<T>(Func<Task<T>> call, Func<Task<T>> recovery)
        {
            var (value, error) = await Outcomes.TryAsync(call);
            armed = false;
            Injector.FaultsInjected.Should().BeGreaterThan(0, "the {0} fault must have been injected", fault);
            if (error is null)
            {
                persistent.Should().BeFalse("a fault on every attempt ({0}) must exhaust the SDK's retries", fault);
                return value!;
            }

            if (!Outcomes.IsClearFault(error))
            {
                ReliabilityTally.Violation("unclear-failures", 1);
            }

            Outcomes.IsClearFault(error).Should().BeTrue("a {0} fault must surface as the SDK's fault, not as {1}: {2}", fault, error.GetType().Name, error.Message);
            persistent.Should().BeTrue("a single {0} fault must be absorbed by the SDK's retries, but got {1}: {2}", fault, error.GetType().Name, error.Message);
            Failed = true;
            ReliabilityTally.Add("note.clear-failures-then-recovered." + error.GetType().Name, 1);
            return await recovery();
        }
    }
}
