using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Tapko.Data.IntegrationTests.Stores;

namespace Tapko.Data.IntegrationTests.Telemetry;

/// <summary>
/// Every answer is recorded once. Every public method of both stores is driven down each of its paths
/// (success, a failed condition, a missing or another owner's project, a cancelled transaction, an idempotency
/// mismatch, a cancelled call) and, through a <see cref="WireRecorder"/> in the SDK's HTTP pipeline, into every fault
/// on each of its DynamoDB requests in turn (a validation error, throttling and a server error past the SDK's retries,
/// a reset connection, a lost answer, a conflicting transaction, a partial batch). Then, store call by store call, what
/// the library published on its meter and span is compared with what went over the wire
/// (<see cref="TelemetryLedger.Compare"/>): one metered request per SDK invocation (the SDK's retries are attempts of
/// one request), and exactly the capacity the answers carried.
/// </summary>
/// <remarks>
/// This is the catalogue of scenarios, the harness and the checks; <see cref="WireMeteringTests"/> and the fault
/// classes next to it run them, split only so that xunit runs them in parallel (the SDK's backoff between retries is
/// real time). Every store call of a test goes through the recorder, arrangement included, so every one is checked.
/// Raw SDK calls that set up states the stores cannot (a lost claim, leftovers) go through the fixture's own client:
/// neither metered nor on this wire. Nothing depends on speed: faults are answers, not delays, and a held request
/// waits for the test.
/// </remarks>
public abstract class WireMeteringTestBase(DynamoDbFixture fixture, string tablePrefix) : TableTestBase(fixture, tablePrefix)
{
    /// <summary>No streamed counts or events here: the table goes without the stream, which DynamoDB Local writes slowly.</summary>
    protected override bool ChangeFeed => false;

    /// <summary>
    /// The SDK's retries on the recorded client: two counted attempts per SDK call, enough to tell attempts from
    /// requests. Each retry waits the SDK's own backoff in real time, so more would only make the faults slower.
    /// </summary>
    private const int MaxErrorRetry = 1;

    private WireRecorder wire = null!;
    private IAmazonDynamoDB client = null!;
    private TelemetryLedger ledger = null!;

    private DynamoDbFixture Fixture { get; } = fixture;

    private ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero));

    /// <summary>The stores of the scenario being run, on the recorded client, sharing one context (and owner cache).</summary>
    private ProjectStore Projects { get; set; } = null!;

    private FeedbackStore Feedback { get; set; } = null!;

    private Mode CurrentMode { get; set; }

    /// <summary>How the stores are configured: the two <see cref="StatusCountsMode"/>s and the two <see cref="SubmitMode"/>s.</summary>
    private enum Mode
    {
        /// <summary>Counters maintained (the default): submissions, moves and deletes are transactions.</summary>
        Counted,

        /// <summary>No counters, transactional submissions.</summary>
        Uncounted,

        /// <summary>No counters, read-then-write submissions.</summary>
        ReadThenWrite,
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        wire = new WireRecorder();
        client = wire.CreateClient(Fixture.Endpoint, MaxErrorRetry);
        ledger = new TelemetryLedger(Table);
    }

    public override async ValueTask DisposeAsync()
    {
        ledger?.Dispose();
        client?.Dispose();
        wire?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The scenarios of the methods <paramref name="method"/> selects (by <c>IProjectStore.CreateAsync</c>-style name).</summary>
    protected static TheoryData<string> ScenarioNames(Func<string, bool> method, bool faultedOnly) =>
        [.. Scenarios.Where(s => method(s.Method) && (!faultedOnly || s.Faulted)).Select(s => s.Name)];

    /// <summary>Runs a scenario as it is, and compares the meter and spans with the wire.</summary>
    protected async Task RunCleanAsync(string name)
    {
        var scenario = Scenarios.Single(s => s.Name == name);
        var problems = new List<string>();

        await RunAsync(scenario, fault: null, faulted: null, problems);

        Verify(problems);
    }

    /// <summary>
    /// Runs a scenario once per fault and per DynamoDB operation of its call the fault applies to, the fault on that
    /// operation alone, each on a fresh arrangement; then compares the meter and spans with the wire.
    /// </summary>
    protected async Task RunFaultsAsync(string name)
    {
        var scenario = Scenarios.Single(s => s.Name == name);
        var operations = OperationsOf(scenario);
        var problems = new List<string>();
        var runs = 0;

        foreach (var fault in Faults)
        {
            foreach (var operation in operations.Where(fault.AppliesTo))
            {
                await RunAsync(scenario, fault, operation, problems);
                runs++;
            }
        }

        runs.Should().BeGreaterThan(0);
        Verify(problems);
    }

    /// <summary>Every method of both store interfaces has scenarios, clean and under faults, and the catalogue names the issue's paths.</summary>
    protected static void CheckCoverage()
    {
        var methods = typeof(IProjectStore).GetMethods().Select(m => $"{nameof(IProjectStore)}.{m.Name}")
            .Concat(typeof(IFeedbackStore).GetMethods().Select(m => $"{nameof(IFeedbackStore)}.{m.Name}"))
            .Distinct()
            .ToList();

        methods.Should().HaveCountGreaterThan(15);
        methods.Except(Scenarios.Select(s => s.Method)).Should().BeEmpty("every method has scenarios");
        methods.Except(Scenarios.Where(s => s.Faulted).Select(s => s.Method)).Should().BeEmpty("every method is driven into faults");
        Scenarios.Select(s => s.Name).Should().OnlyHaveUniqueItems();

        // Both counter modes and both submit modes, and the refusals the issue names.
        Scenarios.Select(s => s.Mode).Distinct().Should().HaveCount(3);
        Scenarios.Should().Contain(s => s.Answer == ConditionFailed);
        Scenarios.Should().Contain(s => s.Answer == Cancelled);
        Scenarios.Should().Contain(s => s.Answer == Mismatch);
    }

    /// <summary>Fails with every disagreement between the meter, the spans and the wire, and the whole ledger.</summary>
    private void Verify(List<string> problems)
    {
        var (ledgerProblems, report) = ledger.Compare(wire.Exchanges);
        problems.AddRange(ledgerProblems);
        ledger.Spans.Should().NotBeEmpty();
        if (problems.Count > 0)
        {
            Assert.Fail($"The meter and the spans must record each request on the wire exactly once; {problems.Count} disagreement(s):\n{string.Join("\n", problems)}\n\n{report}");
        }
    }

    /// <summary>
    /// Arranges the scenario on fresh stores, runs its call (under <paramref name="fault"/> on every request of
    /// <paramref name="faulted"/>, when given), and checks the outcome and the path it took.
    /// </summary>
    private async Task RunAsync(Scenario scenario, FaultCase? fault, string? faulted, List<string> problems)
    {
        Use(scenario.Mode);
        var act = await scenario.Arrange(this);
        var label = fault is null ? scenario.Name : $"{scenario.Name} with {fault.Name} on {faulted}";
        var mark = wire.Mark;
        var spanMark = ledger.Spans.Count;
        if (fault is not null)
        {
            wire.Plan = fault.Plan(faulted!);
        }

        Exception? error = null;
        try
        {
            await act();
        }
        catch (Exception e)
        {
            error = e;
        }

        var injected = wire.Injected;
        wire.Plan = null;
        var spans = ledger.Spans.Skip(spanMark).ToList();
        var sent = wire.Since(mark);
        var path = string.Join(" | ", spans.Select(s => s.GetTagItem(TapkoTelemetry.DynamoDbOperationTag) as string ?? string.Empty));

        if (fault is null)
        {
            CheckOutcome(label, error, scenario.Throws, problems);
            if (path != scenario.Operations)
            {
                problems.Add($"{label}: took the path '{path}', not '{scenario.Operations}'");
            }

            if (scenario.Answer is { } answer && !sent.Any(e => e.Answer == answer))
            {
                problems.Add($"{label}: DynamoDB never answered {answer} ({string.Join(", ", sent.Select(e => e.Answer))})");
            }
        }
        else
        {
            if (injected == 0)
            {
                problems.Add($"{label}: the fault was never injected (path '{path}')");
            }

            if (fault.Persistent)
            {
                if (!fault.IsExpected(faulted!, error))
                {
                    problems.Add($"{label}: expected {fault.Expected(faulted!)}, got {Describe(error)}");
                }

                if (fault.Retried)
                {
                    // Each SDK call of the faulted operation retried to the end (MaxErrorRetry + 1 counted attempts; a
                    // reset first attempt is also resent uncounted): many attempts, one request to meter.
                    foreach (var invocation in sent.Where(e => e.Operation == faulted).GroupBy(e => e.InvocationId))
                    {
                        var attempts = invocation.ToList();
                        var counted = attempts.Select(e => e.Attempt).Distinct().Count();
                        if (counted != MaxErrorRetry + 1 || (fault.Fault != WireFault.ConnectionReset && attempts.Count != counted))
                        {
                            problems.Add($"{label}: expected an SDK invocation of {faulted} in {MaxErrorRetry + 1} attempts, the wire saw {attempts.Count} (attempt headers {string.Join(",", attempts.Select(e => $"{e.Attempt}/{e.MaxAttempts}"))})");
                        }
                    }
                }
            }
            else if (fault.KeepsOutcome)
            {
                CheckOutcome(label, error, scenario.Throws, problems);
            }
        }

        // A failing call's span says so, and names what it sent, the failed request included.
        if (error is not null && spans.Count > 0)
        {
            var failed = spans[^1];
            if (failed.Status != ActivityStatusCode.Error)
            {
                problems.Add($"{label}: the span of a call that threw {error.GetType().Name} is not an error");
            }

            var named = (failed.GetTagItem(TapkoTelemetry.DynamoDbOperationTag) as string ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (faulted is not null && fault!.Persistent && !named.Contains(faulted))
            {
                problems.Add($"{label}: the failed call's span names '{string.Join(' ', named)}', not the failed {faulted}");
            }
        }
    }

    private static void CheckOutcome(string label, Exception? error, Type? expected, List<string> problems)
    {
        if (expected is null ? error is not null : !expected.IsInstanceOfType(error))
        {
            problems.Add($"{label}: expected {expected?.Name ?? "success"}, got {Describe(error)}");
        }
    }

    private static string Describe(Exception? error) =>
        error is null ? "success" : $"{error.GetType().Name}{(error is AmazonServiceException aws ? $" ({aws.ErrorCode})" : string.Empty)}: {error.Message}";

    /// <summary>The DynamoDB operations the scenario's call sends, from its expected path.</summary>
    private static List<string> OperationsOf(Scenario scenario) =>
        [.. scenario.Operations.Split([' ', '|'], StringSplitOptions.RemoveEmptyEntries).Distinct()];

    private void Use(Mode mode)
    {
        CurrentMode = mode;
        var context = new TapkoContext(client, StoreOptions(mode), Clock);
        Projects = new ProjectStore(context);
        Feedback = new FeedbackStore(context);
    }

    private TapkoStoreOptions StoreOptions(Mode mode) => Options(o =>
    {
        o.StatusCounts = mode == Mode.Counted ? StatusCountsMode.Maintained : StatusCountsMode.None;
        o.SubmitMode = mode == Mode.ReadThenWrite ? SubmitMode.ReadThenWrite : SubmitMode.Transactional;

        // A batch left unprocessed on every attempt gives up after three (the library's own backoff between them).
        o.BatchWriteMaxAttempts = 3;
    });

    /// <summary>A feedback store of its own on the recorded client: its first call per project reads the claim.</summary>
    private FeedbackStore ColdFeedback(Mode? mode = null) => new(client, StoreOptions(mode ?? CurrentMode), Clock);

    /// <summary>A project store of its own on the recorded client, for another process's changes.</summary>
    private ProjectStore OtherProjects() => new(client, StoreOptions(CurrentMode), Clock);

    private async Task<ProjectKey> ProjectAsync(bool collecting = true, int shards = 1, UserId? owner = null, ProjectId? id = null)
    {
        var key = new ProjectKey(owner ?? NewOwner(), id ?? ProjectId.New());
        await Projects.CreateAsync(key, "Widget", new ProjectOptions { IsCollectingFeedback = collecting, FeedbackShards = shards }, Ct);
        return key;
    }

    private FeedbackId NextId()
    {
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        return FeedbackId.New(Clock);
    }

    private async Task<FeedbackId> SubmitAsync(ProjectKey project, string message = "The export button is hidden")
    {
        var id = NextId();
        await Feedback.SubmitAsync(project, new NewFeedback(message) { Id = id }, Ct);
        return id;
    }

    private async Task<List<FeedbackId>> SubmitManyAsync(ProjectKey project, int count)
    {
        var ids = new List<FeedbackId>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await SubmitAsync(project, $"message {i}"));
        }

        return ids;
    }

    /// <summary>Puts a key-only item straight into a project id's partition, as an earlier life of the id could leave it.</summary>
    private async Task PutLeftoverAsync(ProjectId projectId) =>
        await Fixture.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = Table,
                Item = new()
                {
                    [PrimaryIndex.PartitionKey] = new() { S = TapkoKeys.FeedbackPartition(projectId) },
                    [PrimaryIndex.SortKey] = new() { S = TapkoKeys.FeedbackSortKey(NextId()) },
                },
            },
            Ct);

    /// <summary>Drops a project's claim behind the stores' back: the id then looks free to the create's query.</summary>
    private async Task DropClaimAsync(ProjectId projectId) =>
        await Fixture.Client.DeleteItemAsync(new DeleteItemRequest { TableName = Table, Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(projectId)) }, Ct);

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items, int expected)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        count.Should().Be(expected);
    }

    /// <summary>
    /// One path of one store method: the arrangement (store calls, all on the wire), then the call under test, the
    /// DynamoDB operations its span must name (calls of a listing separated by <c>|</c>), and the outcome.
    /// </summary>
    /// <param name="Method">The interface method, e.g. <c>IFeedbackStore.SubmitAsync</c>.</param>
    /// <param name="Name">The scenario, e.g. <c>feedback.submit/idempotency-mismatch</c>.</param>
    /// <param name="Mode">The stores' configuration.</param>
    /// <param name="Operations">The span's <c>db.operation.name</c>; empty when nothing may be sent.</param>
    /// <param name="Arrange">Sets the scene and returns the call.</param>
    /// <param name="Throws">The exception the call ends with, or <see langword="null"/>.</param>
    /// <param name="Answer">An answer DynamoDB must give on the way, proving the path (a failed condition, a cancellation).</param>
    /// <param name="Faulted">Whether the call is also run under every fault on each of its operations.</param>
    private sealed record Scenario(
        string Method,
        string Name,
        Mode Mode,
        string Operations,
        Func<WireMeteringTestBase, Task<Func<Task>>> Arrange,
        Type? Throws = null,
        string? Answer = null,
        bool Faulted = false);

    private const string ConditionFailed = "400 ConditionalCheckFailedException";
    private const string Cancelled = "400 TransactionCanceledException";
    private const string Mismatch = "400 IdempotentParameterMismatchException";
    private const string P = nameof(IProjectStore) + ".";
    private const string F = nameof(IFeedbackStore) + ".";

    private static readonly IReadOnlyList<Scenario> Scenarios = BuildScenarios();

    // Some arrangements send nothing; every one is an async lambda all the same, so they read alike.
#pragma warning disable CS1998
    private static List<Scenario> BuildScenarios() =>
    [
        // ---- IProjectStore.CreateAsync (both overloads)
        new(P + "CreateAsync", "project.create/new", Mode.Counted, "Query TransactWriteItems", async h =>
        {
            var key = new ProjectKey(NewOwner(), ProjectId.New());
            return () => h.Projects.CreateAsync(key, "Widget", cancellationToken: Ct);
        }, Faulted: true),
        new(P + "CreateAsync", "project.create/sharded", Mode.Counted, "Query TransactWriteItems", async h =>
        {
            var key = new ProjectKey(NewOwner(), ProjectId.New());
            return () => h.Projects.CreateAsync(key, "Viral", new ProjectOptions { FeedbackShards = 2 }, Ct);
        }, Faulted: true),
        new(P + "CreateAsync", "project.create/id-held-by-another-owner", Mode.Counted, "Query", async h =>
        {
            var held = await h.ProjectAsync();
            return () => h.Projects.CreateAsync(new ProjectKey(NewOwner(), held.ProjectId), "Squat", cancellationToken: Ct);
        }, Throws: typeof(DuplicateItemException)),
        new(P + "CreateAsync", "project.create/id-taken-in-the-transaction", Mode.Counted, "Query TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            await h.DropClaimAsync(key.ProjectId);
            return () => h.Projects.CreateAsync(key, "Again", cancellationToken: Ct);
        }, Throws: typeof(DuplicateItemException), Answer: Cancelled),
        new(P + "CreateAsync", "project.create/over-leftovers", Mode.Counted, "Query BatchWriteItem TransactWriteItems", async h =>
        {
            var key = new ProjectKey(NewOwner(), ProjectId.New());
            for (var i = 0; i < 3; i++)
            {
                await h.PutLeftoverAsync(key.ProjectId);
            }

            return () => h.Projects.CreateAsync(key, "Reborn", cancellationToken: Ct);
        }, Faulted: true),

        // ---- IProjectStore.GetAsync
        new(P + "GetAsync", "project.get/found", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Projects.GetAsync(key, Ct)).Should().NotBeNull();
        }, Faulted: true),
        new(P + "GetAsync", "project.get/missing", Mode.Counted, "GetItem", async h =>
            async () => (await h.Projects.GetAsync(new ProjectKey(NewOwner(), ProjectId.New()), Ct)).Should().BeNull()),
        new(P + "GetAsync", "project.get/another-owners", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Projects.GetAsync(new ProjectKey(NewOwner(), key.ProjectId), Ct)).Should().BeNull();
        }),
        new(P + "GetAsync", "project.get/cancelled-before-sending", Mode.Counted, string.Empty, async h =>
        {
            var key = await h.ProjectAsync();
            return async () =>
            {
                using var cancelled = new CancellationTokenSource();
                await cancelled.CancelAsync();
                await h.Projects.GetAsync(key, cancelled.Token);
            };
        }, Throws: typeof(OperationCanceledException)),
        new(P + "GetAsync", "project.get/cancelled-in-flight", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () =>
            {
                // The request reaches the wire and is held there until the caller gives up: sent, so metered.
                using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                h.wire.OnHold = caller.Cancel;
                h.wire.Plan = r => r.Operation == "GetItem" ? WireFault.HoldUntilCancelled : WireFault.None;
                try
                {
                    await h.Projects.GetAsync(key, caller.Token);
                }
                finally
                {
                    h.wire.Plan = null;
                    h.wire.OnHold = null;
                }
            };
        }, Throws: typeof(OperationCanceledException)),

        // ---- IProjectStore.ListAsync / ListAllAsync
        new(P + "ListAsync", "project.list/page", Mode.Counted, "Query", async h =>
        {
            var owner = NewOwner();
            for (var i = 0; i < 3; i++)
            {
                await h.ProjectAsync(owner: owner);
            }

            return async () => (await h.Projects.ListAsync(owner, new ProjectQuery { PageSize = 2 }, Ct)).Items.Should().HaveCount(2);
        }, Faulted: true),
        new(P + "ListAsync", "project.list/bad-token", Mode.Counted, string.Empty, async h =>
            () => h.Projects.ListAsync(NewOwner(), new ProjectQuery { ContinuationToken = "not-a-token" }, Ct),
            Throws: typeof(InvalidContinuationTokenException)),
        new(P + "ListAllAsync", "project.list/all", Mode.Counted, "Query", async h =>
        {
            var owner = NewOwner();
            await h.ProjectAsync(owner: owner);
            await h.ProjectAsync(owner: owner);
            return () => DrainAsync(h.Projects.ListAllAsync(owner, Ct), 2);
        }, Faulted: true),

        // ---- IProjectStore.SetCollectingFeedbackAsync
        new(P + "SetCollectingFeedbackAsync", "project.set_collecting/ok", Mode.Counted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Projects.SetCollectingFeedbackAsync(key, false, Ct);
        }, Faulted: true),
        new(P + "SetCollectingFeedbackAsync", "project.set_collecting/missing", Mode.Counted, "UpdateItem", async h =>
            () => h.Projects.SetCollectingFeedbackAsync(new ProjectKey(NewOwner(), ProjectId.New()), false, Ct),
            Throws: typeof(TapkoNotFoundException), Answer: ConditionFailed),
        new(P + "SetCollectingFeedbackAsync", "project.set_collecting/another-owners", Mode.Counted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Projects.SetCollectingFeedbackAsync(new ProjectKey(NewOwner(), key.ProjectId), false, Ct);
        }, Throws: typeof(TapkoNotFoundException), Answer: ConditionFailed),
        new(P + "SetCollectingFeedbackAsync", "project.set_collecting/sharded", Mode.Counted, "UpdateItem TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync(shards: 2);
            return () => h.Projects.SetCollectingFeedbackAsync(key, false, Ct);
        }, Answer: ConditionFailed, Faulted: true),

        // ---- IProjectStore.RenameAsync
        new(P + "RenameAsync", "project.rename/ok", Mode.Counted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Projects.RenameAsync(key, "Renamed", 1, Ct);
        }, Faulted: true),
        new(P + "RenameAsync", "project.rename/stale-version", Mode.Counted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            await h.Projects.RenameAsync(key, "First", 1, Ct);
            return () => h.Projects.RenameAsync(key, "Second", 1, Ct);
        }, Throws: typeof(ConcurrencyConflictException), Answer: ConditionFailed),
        new(P + "RenameAsync", "project.rename/missing", Mode.Counted, "UpdateItem", async h =>
            () => h.Projects.RenameAsync(new ProjectKey(NewOwner(), ProjectId.New()), "Renamed", 1, Ct),
            Throws: typeof(TapkoNotFoundException), Answer: ConditionFailed),

        // ---- IProjectStore.SetRetentionAsync (expiry needs counts that follow DynamoDB's removals: not Maintained)
        new(P + "SetRetentionAsync", "project.set_retention/ok", Mode.Uncounted, "TransactWriteItems GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Projects.SetRetentionAsync(key, new FeedbackRetention { ResolvedRetentionDays = 30 }, Ct);
        }, Faulted: true),
        new(P + "SetRetentionAsync", "project.set_retention/missing", Mode.Uncounted, "GetItem", async h =>
            () => h.Projects.SetRetentionAsync(new ProjectKey(NewOwner(), ProjectId.New()), FeedbackRetention.KeepForever, Ct),
            Throws: typeof(TapkoNotFoundException)),
        new(P + "SetRetentionAsync", "project.set_retention/stale-cached-claim", Mode.Uncounted, "TransactWriteItems GetItem", async h =>
        {
            // Cached here; then deleted and re-created by another owner through another process's store.
            var key = await h.ProjectAsync();
            var other = h.OtherProjects();
            await other.DeleteAsync(key, Ct);
            await other.CreateAsync(new ProjectKey(NewOwner(), key.ProjectId), "Taken over", cancellationToken: Ct);
            return () => h.Projects.SetRetentionAsync(key, FeedbackRetention.KeepForever, Ct);
        }, Throws: typeof(TapkoNotFoundException), Answer: Cancelled),
        new(P + "SetRetentionAsync", "project.set_retention/bad-policy", Mode.Uncounted, string.Empty, async h =>
            () => h.Projects.SetRetentionAsync(new ProjectKey(NewOwner(), ProjectId.New()), new FeedbackRetention { MaxAgeDays = 1 }, Ct),
            Throws: typeof(ArgumentOutOfRangeException)),

        // ---- IProjectStore.DeleteAsync
        new(P + "DeleteAsync", "project.delete/with-feedback", Mode.Counted, "UpdateItem Query BatchWriteItem TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 3);
            return () => h.Projects.DeleteAsync(key, Ct);
        }, Faulted: true),
        new(P + "DeleteAsync", "project.delete/empty", Mode.Counted, "UpdateItem Query TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Projects.DeleteAsync(key, Ct)).Should().Be(0);
        }),
        new(P + "DeleteAsync", "project.delete/missing", Mode.Counted, "UpdateItem", async h =>
            async () => (await h.Projects.DeleteAsync(new ProjectKey(NewOwner(), ProjectId.New()), Ct)).Should().BeNull(),
            Answer: ConditionFailed),
        new(P + "DeleteAsync", "project.delete/sharded", Mode.Counted, "UpdateItem BatchWriteItem Query TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync(shards: 2);
            await h.SubmitManyAsync(key, 3);
            return () => h.Projects.DeleteAsync(key, Ct);
        }, Faulted: true),

        // ---- IFeedbackStore.SubmitAsync
        new(F + "SubmitAsync", "feedback.submit/transactional-counted", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Faulted: true),
        new(F + "SubmitAsync", "feedback.submit/transactional-uncounted", Mode.Uncounted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Faulted: true),
        new(F + "SubmitAsync", "feedback.submit/read-then-write", Mode.ReadThenWrite, "GetItem PutItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Faulted: true),
        new(F + "SubmitAsync", "feedback.submit/cold-store", Mode.Counted, "GetItem TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var cold = h.ColdFeedback();
            return () => cold.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }),
        new(F + "SubmitAsync", "feedback.submit/closed-transactional", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync(collecting: false);
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Throws: typeof(FeedbackCollectionClosedException), Answer: Cancelled),
        new(F + "SubmitAsync", "feedback.submit/closed-read-then-write", Mode.ReadThenWrite, "GetItem", async h =>
        {
            var key = await h.ProjectAsync(collecting: false);
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Throws: typeof(FeedbackCollectionClosedException)),
        new(F + "SubmitAsync", "feedback.submit/closed-read-then-write-chosen-id", Mode.ReadThenWrite, "GetItem", async h =>
        {
            // A caller-chosen id may be a retry of a submission stored before the project closed: it is read too.
            var key = await h.ProjectAsync(collecting: false);
            var id = h.NextId();
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello") { Id = id }, Ct);
        }, Throws: typeof(FeedbackCollectionClosedException)),
        new(F + "SubmitAsync", "feedback.submit/missing-project-transactional", Mode.Counted, "GetItem", async h =>
            () => h.Feedback.SubmitAsync(new ProjectKey(NewOwner(), ProjectId.New()), new NewFeedback("hello"), Ct),
            Throws: typeof(TapkoNotFoundException)),
        new(F + "SubmitAsync", "feedback.submit/missing-project-read-then-write", Mode.ReadThenWrite, "GetItem", async h =>
            () => h.Feedback.SubmitAsync(new ProjectKey(NewOwner(), ProjectId.New()), new NewFeedback("hello"), Ct),
            Throws: typeof(TapkoNotFoundException)),
        new(F + "SubmitAsync", "feedback.submit/another-owners-project", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.SubmitAsync(new ProjectKey(NewOwner(), key.ProjectId), new NewFeedback("hello"), Ct);
        }, Throws: typeof(TapkoNotFoundException)),
        new(F + "SubmitAsync", "feedback.submit/repeat-transactional", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key, "same");
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("same") { Id = id }, Ct);
        }),
        new(F + "SubmitAsync", "feedback.submit/repeat-read-then-write", Mode.ReadThenWrite, "GetItem PutItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key, "same");
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("same") { Id = id }, Ct);
        }, Answer: ConditionFailed),
        new(F + "SubmitAsync", "feedback.submit/idempotency-mismatch-counted", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key, "original");
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("different") { Id = id }, Ct);
        }, Throws: typeof(DuplicateItemException), Answer: Mismatch),
        new(F + "SubmitAsync", "feedback.submit/idempotency-mismatch-uncounted", Mode.Uncounted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key, "original");
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("different") { Id = id }, Ct);
        }, Throws: typeof(DuplicateItemException), Answer: Mismatch),
        new(F + "SubmitAsync", "feedback.submit/id-taken-transactional", Mode.Counted, "TransactWriteItems", async h =>
        {
            // Stored by a read-then-write store (no request token), so the transaction itself finds the id taken.
            var key = await h.ProjectAsync();
            var id = h.NextId();
            await h.ColdFeedback(Mode.ReadThenWrite).SubmitAsync(key, new NewFeedback("original") { Id = id }, Ct);
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("different") { Id = id }, Ct);
        }, Throws: typeof(DuplicateItemException), Answer: Cancelled),
        new(F + "SubmitAsync", "feedback.submit/id-taken-read-then-write", Mode.ReadThenWrite, "GetItem PutItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key, "original");
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("different") { Id = id }, Ct);
        }, Throws: typeof(DuplicateItemException), Answer: ConditionFailed),
        new(F + "SubmitAsync", "feedback.submit/stale-cached-claim", Mode.Counted, "TransactWriteItems GetItem", async h =>
        {
            // Cached here; then deleted and re-created by another owner through another process's store.
            var key = await h.ProjectAsync();
            var other = h.OtherProjects();
            await other.DeleteAsync(key, Ct);
            await other.CreateAsync(new ProjectKey(NewOwner(), key.ProjectId), "Taken over", cancellationToken: Ct);
            return () => h.Feedback.SubmitAsync(key, new NewFeedback("hello"), Ct);
        }, Throws: typeof(TapkoNotFoundException), Answer: Cancelled),

        // ---- IFeedbackStore.SubmitFromWidgetAsync
        new(F + "SubmitFromWidgetAsync", "feedback.submit_widget/cold-store", Mode.Counted, "GetItem TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var cold = h.ColdFeedback();
            return () => cold.SubmitFromWidgetAsync(key.ProjectId, new NewFeedback("hello"), Ct);
        }, Faulted: true),
        new(F + "SubmitFromWidgetAsync", "feedback.submit_widget/read-then-write", Mode.ReadThenWrite, "GetItem PutItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.SubmitFromWidgetAsync(key.ProjectId, new NewFeedback("hello"), Ct);
        }, Faulted: true),
        new(F + "SubmitFromWidgetAsync", "feedback.submit_widget/unknown-id", Mode.Counted, "GetItem", async h =>
            () => h.Feedback.SubmitFromWidgetAsync(ProjectId.New(), new NewFeedback("hello"), Ct),
            Throws: typeof(TapkoNotFoundException)),
        new(F + "SubmitFromWidgetAsync", "feedback.submit_widget/closed", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync(collecting: false);
            return () => h.Feedback.SubmitFromWidgetAsync(key.ProjectId, new NewFeedback("hello"), Ct);
        }, Throws: typeof(FeedbackCollectionClosedException), Answer: Cancelled),
        new(F + "SubmitFromWidgetAsync", "feedback.submit_widget/idempotency-mismatch", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = h.NextId();
            await h.Feedback.SubmitFromWidgetAsync(key.ProjectId, new NewFeedback("original") { Id = id }, Ct);
            return () => h.Feedback.SubmitFromWidgetAsync(key.ProjectId, new NewFeedback("different") { Id = id }, Ct);
        }, Throws: typeof(DuplicateItemException), Answer: Mismatch),

        // ---- IFeedbackStore.GetAsync
        new(F + "GetAsync", "feedback.get/found", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return async () => (await h.Feedback.GetAsync(key, id, Ct)).Should().NotBeNull();
        }, Faulted: true),
        new(F + "GetAsync", "feedback.get/missing", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Feedback.GetAsync(key, h.NextId(), Ct)).Should().BeNull();
        }),
        new(F + "GetAsync", "feedback.get/another-owners", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return async () => (await h.Feedback.GetAsync(new ProjectKey(NewOwner(), key.ProjectId), id, Ct)).Should().BeNull();
        }),

        // ---- IFeedbackStore.ListAsync / ListByStatusAsync / ListAllAsync / ListAllByStatusAsync
        new(F + "ListAsync", "feedback.list/page", Mode.Counted, "Query", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 3);
            return async () => (await h.Feedback.ListAsync(key, new FeedbackQuery { PageSize = 2 }, Ct)).Items.Should().HaveCount(2);
        }, Faulted: true),
        new(F + "ListAsync", "feedback.list/sharded", Mode.Counted, "Query", async h =>
        {
            var key = await h.ProjectAsync(shards: 2);
            await h.SubmitManyAsync(key, 4);
            return async () => (await h.Feedback.ListAsync(key, new FeedbackQuery { PageSize = 3 }, Ct)).Items.Should().HaveCount(3);
        }, Faulted: true),
        new(F + "ListAsync", "feedback.list/another-owners", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 1);
            return async () => (await h.Feedback.ListAsync(new ProjectKey(NewOwner(), key.ProjectId), cancellationToken: Ct)).Items.Should().BeEmpty();
        }),
        new(F + "ListAsync", "feedback.list/bad-token", Mode.Counted, string.Empty, async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.ListAsync(key, new FeedbackQuery { ContinuationToken = "not-a-token" }, Ct);
        }, Throws: typeof(InvalidContinuationTokenException)),
        new(F + "ListByStatusAsync", "feedback.list_by_status/page", Mode.Counted, "Query BatchGetItem", async h =>
        {
            // The index holds triage rows: the page's items are read after them.
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 3);
            return async () => (await h.Feedback.ListByStatusAsync(key, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2 }, Ct)).Items.Should().HaveCount(2);
        }, Faulted: true),
        new(F + "ListRowsByStatusAsync", "feedback.list_rows_by_status/page", Mode.Counted, "Query", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 3);
            return async () => (await h.Feedback.ListRowsByStatusAsync(key, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2 }, Ct)).Items.Should().HaveCount(2);
        }, Faulted: true),
        new(F + "ListRowsByStatusAsync", "feedback.list_rows_by_status/another-owner", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 1);
            return async () => (await h.Feedback.ListRowsByStatusAsync(new ProjectKey(NewOwner(), key.ProjectId), FeedbackStatus.Open, cancellationToken: Ct)).Items.Should().BeEmpty();
        }),
        new(F + "ListAllAsync", "feedback.list/all-pages", Mode.Counted, "Query | Query | Query", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 5);
            return () => DrainAsync(h.Feedback.ListAllAsync(key, new FeedbackQuery { PageSize = 2 }, Ct), 5);
        }, Faulted: true),
        new(F + "ListAllByStatusAsync", "feedback.list_by_status/all-pages", Mode.Uncounted, "Query BatchGetItem | Query BatchGetItem | Query BatchGetItem", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 5);
            return () => DrainAsync(h.Feedback.ListAllByStatusAsync(key, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2 }, Ct), 5);
        }, Faulted: true),

        // ---- IFeedbackStore.UpdateStatusAsync
        new(F + "UpdateStatusAsync", "feedback.update_status/counted", Mode.Counted, "TransactWriteItems GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.InProgress, cancellationToken: Ct);
        }, Faulted: true),
        new(F + "UpdateStatusAsync", "feedback.update_status/counted-from-another-status", Mode.Counted, "TransactWriteItems GetItem", async h =>
        {
            // The move guesses 'open', is cancelled, learns 'in-progress' from the cancellation and sends again.
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            await h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.InProgress, cancellationToken: Ct);
            return () => h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.Resolved, cancellationToken: Ct);
        }, Answer: Cancelled),
        new(F + "UpdateStatusAsync", "feedback.update_status/counted-conflict", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct);
        }, Throws: typeof(ConcurrencyConflictException), Answer: Cancelled),
        new(F + "UpdateStatusAsync", "feedback.update_status/counted-missing", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.UpdateStatusAsync(key, h.NextId(), FeedbackStatus.Resolved, cancellationToken: Ct);
        }, Throws: typeof(TapkoNotFoundException), Answer: Cancelled),
        new(F + "UpdateStatusAsync", "feedback.update_status/uncounted", Mode.Uncounted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.InProgress, cancellationToken: Ct);
        }, Faulted: true),
        new(F + "UpdateStatusAsync", "feedback.update_status/uncounted-conflict", Mode.Uncounted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct);
        }, Throws: typeof(ConcurrencyConflictException), Answer: ConditionFailed),
        new(F + "UpdateStatusAsync", "feedback.update_status/uncounted-missing", Mode.Uncounted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            return () => h.Feedback.UpdateStatusAsync(key, h.NextId(), FeedbackStatus.Resolved, cancellationToken: Ct);
        }, Throws: typeof(TapkoNotFoundException), Answer: ConditionFailed),

        // ---- IFeedbackStore.DeleteAsync
        new(F + "DeleteAsync", "feedback.delete/counted", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.DeleteAsync(key, id, Ct);
        }, Faulted: true),
        new(F + "DeleteAsync", "feedback.delete/counted-in-progress", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            await h.Feedback.UpdateStatusAsync(key, id, FeedbackStatus.InProgress, cancellationToken: Ct);
            return async () => (await h.Feedback.DeleteAsync(key, id, Ct)).Should().BeTrue();
        }, Answer: Cancelled),
        new(F + "DeleteAsync", "feedback.delete/counted-missing", Mode.Counted, "TransactWriteItems", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Feedback.DeleteAsync(key, h.NextId(), Ct)).Should().BeFalse();
        }, Answer: Cancelled),
        new(F + "DeleteAsync", "feedback.delete/uncounted", Mode.Uncounted, "DeleteItem", async h =>
        {
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.DeleteAsync(key, id, Ct);
        }, Faulted: true),
        new(F + "DeleteAsync", "feedback.delete/uncounted-missing", Mode.Uncounted, "DeleteItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Feedback.DeleteAsync(key, h.NextId(), Ct)).Should().BeFalse();
        }),

        // ---- IFeedbackStore.MoveManyAsync
        new(F + "MoveManyAsync", "feedback.move_many/counted", Mode.Counted, "TransactWriteItems", async h =>
        {
            // One open (moved), one in progress (a conflict with the expected 'open'), one missing: a cancelled
            // transaction, then the open one alone.
            var key = await h.ProjectAsync();
            var ids = await h.SubmitManyAsync(key, 2);
            await h.Feedback.UpdateStatusAsync(key, ids[1], FeedbackStatus.InProgress, cancellationToken: Ct);
            var missing = h.NextId();
            return async () => (await h.Feedback.MoveManyAsync(key, [ids[0], ids[1], missing], FeedbackStatus.Resolved, FeedbackStatus.Open, Ct))
                .Select(r => r.Outcome).Should().Equal(FeedbackMoveOutcome.Moved, FeedbackMoveOutcome.Conflict, FeedbackMoveOutcome.NotFound);
        }, Answer: Cancelled, Faulted: true),
        new(F + "MoveManyAsync", "feedback.move_many/uncounted", Mode.Uncounted, "UpdateItem", async h =>
        {
            var key = await h.ProjectAsync();
            var ids = await h.SubmitManyAsync(key, 2);
            await h.Feedback.UpdateStatusAsync(key, ids[1], FeedbackStatus.InProgress, cancellationToken: Ct);
            var missing = h.NextId();
            return async () => (await h.Feedback.MoveManyAsync(key, [ids[0], ids[1], missing], FeedbackStatus.Resolved, FeedbackStatus.Open, Ct))
                .Select(r => r.Outcome).Should().Equal(FeedbackMoveOutcome.Moved, FeedbackMoveOutcome.Conflict, FeedbackMoveOutcome.NotFound);
        }, Answer: ConditionFailed),
        new(F + "MoveManyAsync", "feedback.move_many/uncounted-one", Mode.Uncounted, "UpdateItem", async h =>
        {
            // One item under faults: with several, the first failure cancels the parallel others at a moment of its own.
            var key = await h.ProjectAsync();
            var id = await h.SubmitAsync(key);
            return () => h.Feedback.MoveManyAsync(key, [id], FeedbackStatus.Resolved, cancellationToken: Ct);
        }, Faulted: true),

        // ---- IFeedbackStore.GetStatusCountsAsync
        new(F + "GetStatusCountsAsync", "feedback.status_counts/maintained", Mode.Counted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 2);
            return async () => (await h.Feedback.GetStatusCountsAsync(key, Ct))!.Open.Should().Be(2);
        }, Faulted: true),
        new(F + "GetStatusCountsAsync", "feedback.status_counts/maintained-missing", Mode.Counted, "GetItem", async h =>
            async () => (await h.Feedback.GetStatusCountsAsync(new ProjectKey(NewOwner(), ProjectId.New()), Ct)).Should().BeNull()),
        new(F + "GetStatusCountsAsync", "feedback.status_counts/sharded", Mode.Counted, "GetItem BatchGetItem", async h =>
        {
            var key = await h.ProjectAsync(shards: 2);
            await h.SubmitManyAsync(key, 3);
            return async () => (await h.Feedback.GetStatusCountsAsync(key, Ct))!.Open.Should().Be(3);
        }, Faulted: true),
        new(F + "GetStatusCountsAsync", "feedback.status_counts/queried", Mode.Uncounted, "Query", async h =>
        {
            var key = await h.ProjectAsync();
            await h.SubmitManyAsync(key, 2);
            return async () => (await h.Feedback.GetStatusCountsAsync(key, Ct))!.Open.Should().Be(2);
        }, Faulted: true),
        new(F + "GetStatusCountsAsync", "feedback.status_counts/queried-another-owners", Mode.Uncounted, "GetItem", async h =>
        {
            var key = await h.ProjectAsync();
            return async () => (await h.Feedback.GetStatusCountsAsync(new ProjectKey(NewOwner(), key.ProjectId), Ct)).Should().BeNull();
        }),
    ];
#pragma warning restore CS1998

    /// <summary>
    /// A fault, and how it meets the faulted operation: on every attempt (<see cref="Persistent"/>, so the call ends in
    /// <see cref="Expected"/>) or once, after which the call goes on as without it.
    /// </summary>
    private sealed record FaultCase(string Name, WireFault Fault, bool Persistent, bool Retried = false, bool KeepsOutcome = true)
    {
        public bool AppliesTo(string operation) => Fault switch
        {
            WireFault.TransactionConflict => operation == "TransactWriteItems",
            WireFault.Unprocessed or WireFault.NothingProcessed => operation is "BatchWriteItem" or "BatchGetItem",
            _ => true,
        };

        /// <summary>Every attempt of <paramref name="operation"/>; or the first attempt of each of its SDK calls; or its first SDK call.</summary>
        public Func<WireRequest, WireFault> Plan(string operation) => r =>
            r.Operation != operation ? WireFault.None
            : Persistent ? Fault
            : Fault is WireFault.TransactionConflict or WireFault.Unprocessed ? (r.Invocation == 1 ? Fault : WireFault.None)
            : r.Attempt == 1 ? Fault : WireFault.None;

        public string Expected(string operation) => Name switch
        {
            "transaction-conflict" => nameof(WriteContentionException),
            "nothing-processed" => operation == "BatchWriteItem" ? nameof(DeletionIncompleteException) : nameof(ProvisionedThroughputExceededException),
            "connection-reset" => "the injected reset",
            _ => $"an AmazonServiceException {ErrorCode}",
        };

        public bool IsExpected(string operation, Exception? error) => Name switch
        {
            "transaction-conflict" => error is WriteContentionException,
            "nothing-processed" => operation == "BatchWriteItem" ? error is DeletionIncompleteException : error is ProvisionedThroughputExceededException,
            "connection-reset" => Chain(error).Any(e => e is IOException or HttpRequestException && e.Message.Contains("(injected)", StringComparison.Ordinal)),
            _ => error is AmazonServiceException aws && aws.ErrorCode == ErrorCode,
        };

        private string ErrorCode => Fault switch
        {
            WireFault.Validation => "ValidationException",
            WireFault.Throttling => "ThrottlingException",
            WireFault.InternalServerError => "InternalServerError",
            _ => "?",
        };

        private static IEnumerable<Exception> Chain(Exception? error)
        {
            for (; error is not null; error = error.InnerException)
            {
                yield return error;
            }
        }
    }

    private static readonly IReadOnlyList<FaultCase> Faults =
    [
        new("validation", WireFault.Validation, Persistent: true),
        new("throttling", WireFault.Throttling, Persistent: true, Retried: true),
        new("throttled-once", WireFault.Throttling, Persistent: false),
        new("internal-error", WireFault.InternalServerError, Persistent: true, Retried: true),
        new("connection-reset", WireFault.ConnectionReset, Persistent: true, Retried: true),
        new("reset-once", WireFault.ConnectionReset, Persistent: false),
        new("answer-lost-once", WireFault.AnswerLost, Persistent: false, KeepsOutcome: false),
        new("transaction-conflict", WireFault.TransactionConflict, Persistent: true),
        new("conflict-once", WireFault.TransactionConflict, Persistent: false),
        new("nothing-processed", WireFault.NothingProcessed, Persistent: true),
        new("half-processed", WireFault.Unprocessed, Persistent: false),
    ];
}
