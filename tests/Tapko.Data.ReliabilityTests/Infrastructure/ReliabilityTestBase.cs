using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>
/// A fresh table per test on the shared DynamoDB Local, a <see cref="FaultInjector"/> in front of it, and stores that
/// talk through the injector. <see cref="Fixture"/>'s own client reads the final state without faults.
/// </summary>
public abstract class ReliabilityTestBase(ReliabilityFixture fixture, string tablePrefix) : TableTestBase(fixture, tablePrefix)
{
    private readonly List<IDisposable> clients = [];

    protected ReliabilityFixture Fixture { get; } = fixture;

    /// <summary>The injector of <see cref="Projects"/> and <see cref="Feedback"/>.</summary>
    protected FaultInjector Injector { get; } = new();

    protected ProjectStore Projects { get; private set; } = null!;

    protected FeedbackStore Feedback { get; private set; } = null!;

    /// <summary>Stores on the fixture's own client: no faults, for arranging and for the final read.</summary>
    protected ProjectStore CleanProjects { get; private set; } = null!;

    protected FeedbackStore CleanFeedback { get; private set; } = null!;

    /// <summary>
    /// These suites pin the counters kept in every write's transaction (<see cref="StatusCountsMode.Maintained"/>),
    /// whose exactness is decided by the writes themselves; the streamed counts, kept after the fact by the projector,
    /// have their own workload, which checks them once the projector has drained.
    /// </summary>
    protected override void ConfigureDefaults(TapkoStoreOptions options) => options.StatusCounts = StatusCountsMode.Maintained;

    /// <summary>Counters kept in transactions need no stream; a workload of the streamed counts turns it back on.</summary>
    protected override bool ChangeFeed => false;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var client = NewClient(Injector);
        Projects = new ProjectStore(client, Options());
        Feedback = new FeedbackStore(client, Options());
        CleanProjects = new ProjectStore(Fixture.Client, Options());
        CleanFeedback = new FeedbackStore(Fixture.Client, Options());
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Injector.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client through <paramref name="injector"/>, disposed with the test.</summary>
    protected IAmazonDynamoDB NewClient(FaultInjector injector, int maxErrorRetry = 3)
    {
        var client = injector.CreateClient(Fixture.Endpoint, maxErrorRetry);
        clients.Add(client);
        return client;
    }

    /// <summary>Creates a project of a new owner (or of <paramref name="owner"/>) without faults, with <paramref name="shards"/> feedback shards.</summary>
    protected async Task<ProjectKey> NewProjectAsync(UserId? owner = null, bool collecting = true, ProjectId? id = null, int shards = 1)
    {
        var key = new ProjectKey(owner ?? NewOwner(), id ?? ProjectId.New());
        await CleanProjects.CreateAsync(key, "Widget", new ProjectOptions { IsCollectingFeedback = collecting, FeedbackShards = shards }, Ct);
        return key;
    }

    /// <summary>Every feedback item of the project as stored now, read without faults.</summary>
    protected async Task<List<Feedback>> AllFeedbackAsync(ProjectKey project, FeedbackStore? store = null)
    {
        store ??= CleanFeedback;
        var all = new List<Feedback>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(project, new FeedbackQuery { PageSize = 1_000, Order = SortOrder.OldestFirst, ContinuationToken = token }, Ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    /// <summary>Every item in the table, read by a raw scan: what is really stored, whatever the library's filters.</summary>
    protected async Task<List<Dictionary<string, AttributeValue>>> ScanAsync()
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Fixture.Client.ScanAsync(new ScanRequest { TableName = Table, ExclusiveStartKey = start, ConsistentRead = true }, Ct);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }
}
