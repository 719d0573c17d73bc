namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>A fresh table per test (see <see cref="TableTestBase"/>) and stores on it, driven by a clock the test moves.</summary>
public abstract class StoreTestBase(DynamoDbFixture fixture, string tablePrefix) : TableTestBase(fixture, tablePrefix)
{
    protected DynamoDbFixture Fixture { get; } = fixture;

    /// <summary>A clock the test moves by hand; the default stores use it, so created-at times are the test's to choose.</summary>
    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero));

    protected ProjectStore Projects { get; private set; } = null!;

    protected FeedbackStore Feedback { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // One context for both, as AddTapkoStore registers them: they share the cache of who holds each project id,
        // so a project created here is known to the feedback store without a claim read.
        var context = new TapkoContext(Fixture.Client, Options(ConfigureStores), Clock);
        Projects = new ProjectStore(context);
        Feedback = new FeedbackStore(context);
        Projector = TestTable.CreateProjector(Clock, ConfigureStores);
    }

    /// <summary>The change feed's projector on the test's table, on the test's clock.</summary>
    protected TapkoProjector Projector { get; set; } = null!;

    /// <summary>The counts of <paramref name="project"/> once the projector has applied every change made so far.</summary>
    protected async Task<FeedbackStatusCounts?> CountsAsync(ProjectKey project, FeedbackStore? store = null)
    {
        await Projector.CatchUpAsync(Ct);
        return await (store ?? Feedback).GetStatusCountsAsync(project, Ct);
    }

    /// <summary>Options of the default stores; a test class about one request's shape may turn counters off here.</summary>
    protected virtual void ConfigureStores(TapkoStoreOptions options)
    {
    }

    /// <summary>A project store of its own, with its own (cold) cache of project-id owners.</summary>
    protected ProjectStore NewProjectStore(Action<TapkoStoreOptions>? configure = null) => new(Fixture.Client, Options(configure), Clock);

    /// <summary>A feedback store of its own: its first call per project reads the project id's claim (one read unit).</summary>
    protected FeedbackStore NewFeedbackStore(Action<TapkoStoreOptions>? configure = null) => new(Fixture.Client, Options(configure), Clock);

    /// <summary>Creates a project of a new owner (or of <paramref name="owner"/>).</summary>
    protected async Task<ProjectKey> NewProjectAsync(UserId? owner = null, bool collecting = true, string name = "Widget")
    {
        var key = new ProjectKey(owner ?? NewOwner(), ProjectId.New());
        await Projects.CreateAsync(key, name, collecting, Ct);
        return key;
    }

    /// <summary>Submits <paramref name="count"/> feedback items one clock second apart, oldest first, and returns them in that order.</summary>
    protected async Task<List<Feedback>> SubmitManyAsync(ProjectKey project, int count, string prefix = "message")
    {
        var stored = new List<Feedback>(count);
        for (var i = 0; i < count; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            stored.Add(await Feedback.SubmitAsync(project, new NewFeedback($"{prefix} {i}") { Id = FeedbackId.New(Clock) }, Ct));
        }

        return stored;
    }

    /// <summary>Follows continuation tokens to the end, checking every token on the way.</summary>
    protected static async Task<List<Page<T>>> AllPagesAsync<T>(Func<string?, Task<Page<T>>> list, int maxPages = 1_000)
    {
        var pages = new List<Page<T>>();
        string? token = null;
        do
        {
            var page = await list(token);
            pages.Add(page);
            token = page.ContinuationToken;
            pages.Count.Should().BeLessThan(maxPages, "paging must end");
        }
        while (token is not null);

        return pages;
    }
}
