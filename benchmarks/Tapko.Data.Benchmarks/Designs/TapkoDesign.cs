using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// The library itself, called through its public stores exactly as a host would. Its main table is the configuration
/// the library shipped before streamed counts (<c>Maintained</c> counters, status index <c>Full</c>), which the shared
/// patterns and the latency suite measure; a second table of the same items, created with the status index's
/// <c>Rows</c> projection, serves today's defaults (<c>Streamed</c> + <c>Rows</c>, transactional submits) and the
/// recommended profile (the same with <c>CachedCheck</c> submits), measured as patterns of their own.
/// </summary>
public sealed class TapkoDesign : IDesign
{
    private readonly IAmazonDynamoDB client;
    private readonly TapkoContext context;
    private readonly ProjectStore projects;
    private readonly FeedbackStore feedbackStore;
    private readonly TapkoContext uncountedContext;
    private readonly FeedbackStore uncounted;
    private readonly TapkoContext readThenWriteContext;
    private readonly FeedbackStore readThenWrite;
    private readonly TapkoContext defaultsContext;
    private readonly FeedbackStore defaults;
    private readonly TapkoContext recommendedContext;
    private readonly FeedbackStore recommended;

    public TapkoDesign(IAmazonDynamoDB client, string table)
    {
        this.client = client;
        Table = table;
        RowsTable = table + "-rows";
        // One context for both stores, as AddTapkoStore registers them, so they share the project-owner cache.
        context = new TapkoContext(client, new TapkoStoreOptions { TableName = table, StatusCounts = StatusCountsMode.Maintained, StatusIndexProjection = StatusIndexProjection.Full }, timeProvider: null);
        projects = new ProjectStore(context);
        feedbackStore = new FeedbackStore(context);

        // The same table through stores that keep no status counters, submitting transactionally and read-then-write
        // (the cheapest writes the library offers), measured next to the default's to show what exact counts cost.
        uncountedContext = new TapkoContext(client, new TapkoStoreOptions { TableName = table, StatusCounts = StatusCountsMode.None, StatusIndexProjection = StatusIndexProjection.Full }, timeProvider: null);
        uncounted = new FeedbackStore(uncountedContext);
        readThenWriteContext = new TapkoContext(client, new TapkoStoreOptions { TableName = table, StatusCounts = StatusCountsMode.None, SubmitMode = SubmitMode.ReadThenWrite, StatusIndexProjection = StatusIndexProjection.Full }, timeProvider: null);
        readThenWrite = new FeedbackStore(readThenWriteContext);

        // Today's defaults and the recommended profile, on the table whose status index projects triage rows. The cached
        // check's lifetime is the option's longest, so a sampling pass (minutes) meets the steady state of a busy project.
        defaultsContext = new TapkoContext(client, new TapkoStoreOptions { TableName = RowsTable }, timeProvider: null);
        defaults = new FeedbackStore(defaultsContext);
        recommendedContext = new TapkoContext(client, new TapkoStoreOptions
        {
            TableName = RowsTable,
            SubmitMode = SubmitMode.CachedCheck,
            SubmitCheckCacheLifetime = TimeSpan.FromMinutes(5),
        }, timeProvider: null);
        recommended = new FeedbackStore(recommendedContext);
    }

    /// <summary>
    /// A seeded project's incarnation: fixed per project, so item sizes (and so expected costs) do not vary between runs,
    /// and as long as a minted one.
    /// </summary>
    public static string Incarnation(ProjectKey project) =>
        Base64Url.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(project.ProjectId.Value)).AsSpan(0, 10));

    public DesignKind Kind => DesignKind.Tapko;

    public string Table { get; }

    /// <summary>The same items in a table whose status index projects triage rows (<see cref="StatusIndexProjection.Rows"/>).</summary>
    public string RowsTable { get; }

    public IReadOnlyList<string> Tables => [Table, RowsTable];

    public string ProjectTable => Table;

    public string FeedbackTable => Table;

    public string? FeedbackIndex => StatusIndex.Name;

    public async Task CreateTablesAsync()
    {
        await CreateAsync(Table, StatusIndexProjection.Full).ConfigureAwait(false);
        await CreateAsync(RowsTable, StatusIndexProjection.Rows).ConfigureAwait(false);
    }

    public Dictionary<string, AttributeValue> ProjectItem(GeneratedProject project, bool collecting) =>
        Items.ProjectItem.ToItem(new Project(project.Key, project.Name, collecting, project.CreatedAt, project.CreatedAt, 1), Incarnation(project.Key));

    /// <summary>The claim on the project's id, written with the project.</summary>
    public IEnumerable<Dictionary<string, AttributeValue>> CompanionItems(GeneratedProject project) =>
        [ProjectClaim.ToItem(project.Key, Incarnation(project.Key), project.CreatedAt, ShardLayout.One, FeedbackRetention.KeepForever)];

    public Dictionary<string, AttributeValue> FeedbackItem(GeneratedFeedback feedback) =>
        Items.FeedbackItem.ToItem(feedback.ToFeedback(), PayloadConverter.ToAttributeValue(feedback.Payload, "payload"), Incarnation(feedback.Project), ShardLayout.One);

    /// <summary>
    /// Tells the stores who holds each seeded project id, as a long-running service knows after its first call per
    /// project, so the benchmark measures the steady state; the cache-miss lookup has rows of its own.
    /// </summary>
    public void Warm(IEnumerable<GeneratedProject> seeded)
    {
        foreach (var project in seeded)
        {
            context.Owners.Remember(project.Key.ProjectId, new ProjectClaim(project.Key.Owner, Incarnation(project.Key), ShardLayout.One));
            uncountedContext.Owners.Remember(project.Key.ProjectId, new ProjectClaim(project.Key.Owner, Incarnation(project.Key), ShardLayout.One));
            readThenWriteContext.Owners.Remember(project.Key.ProjectId, new ProjectClaim(project.Key.Owner, Incarnation(project.Key), ShardLayout.One));
            defaultsContext.Owners.Remember(project.Key.ProjectId, new ProjectClaim(project.Key.Owner, Incarnation(project.Key), ShardLayout.One));
            recommendedContext.Owners.Remember(project.Key.ProjectId, new ProjectClaim(project.Key.Owner, Incarnation(project.Key), ShardLayout.One));
        }
    }

    /// <summary>The library's creates and updates stamp a write id (see <c>WriteId</c>) so a retry knows its own write.</summary>
    public Dictionary<string, AttributeValue> AsWritten(Dictionary<string, AttributeValue> item) =>
        new(item) { [AttributeNames.WriteId] = new() { S = WriteId.New() } };

    public Dictionary<string, AttributeValue> ProjectKey(ProjectKey project) => PrimaryIndex.Key(TapkoKeys.Project(project));

    public Dictionary<string, AttributeValue> FeedbackKey(ProjectKey project, FeedbackId id) => PrimaryIndex.Key(ShardLayout.One.FeedbackKey(project.ProjectId, id));

    public Task CreateProjectAsync(GeneratedProject project) => projects.CreateAsync(project.Key, project.Name);

    public Task SetCollectingAsync(ProjectKey project, bool collecting) => projects.SetCollectingFeedbackAsync(project, collecting);

    public Task SubmitAsync(GeneratedFeedback feedback) =>
        feedbackStore.SubmitAsync(feedback.Project, new NewFeedback(feedback.Message, feedback.Payload) { Id = feedback.Id });

    public Task<Feedback?> GetAsync(ProjectKey project, FeedbackId id) => feedbackStore.GetAsync(project, id);

    public async Task<IReadOnlyList<Feedback>> ListAsync(ProjectKey project, int pageSize) =>
        (await feedbackStore.ListAsync(project, new FeedbackQuery { PageSize = pageSize }).ConfigureAwait(false)).Items;

    public async Task<IReadOnlyList<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize) =>
        (await feedbackStore.ListByStatusAsync(project, status, new FeedbackQuery { PageSize = pageSize }).ConfigureAwait(false)).Items;

    public Task UpdateStatusAsync(ProjectKey project, FeedbackId id, FeedbackStatus status) => feedbackStore.UpdateStatusAsync(project, id, status);

    public Task DeleteProjectAsync(ProjectKey project) => projects.DeleteAsync(project);

    /// <summary>The widget's submit, by project id alone; with <paramref name="ownerCached"/> false the owner is looked up first.</summary>
    public Task SubmitFromWidgetAsync(GeneratedFeedback feedback, bool ownerCached)
    {
        if (!ownerCached)
        {
            context.Owners.Forget(feedback.Project.ProjectId);
        }

        return feedbackStore.SubmitFromWidgetAsync(feedback.Project.ProjectId, new NewFeedback(feedback.Message, feedback.Payload) { Id = feedback.Id });
    }

    /// <summary>A submit with <see cref="StatusCountsMode.None"/>, transactional or in <see cref="SubmitMode.ReadThenWrite"/> mode.</summary>
    public Task SubmitUncountedAsync(GeneratedFeedback feedback, bool readThenWriteMode) =>
        (readThenWriteMode ? readThenWrite : uncounted).SubmitAsync(feedback.Project, new NewFeedback(feedback.Message, feedback.Payload) { Id = feedback.Id });

    public Task<FeedbackStatusCounts?> CountsAsync(ProjectKey project) => feedbackStore.GetStatusCountsAsync(project);

    public Task UpdateStatusAsync(ProjectKey project, FeedbackId id, FeedbackStatus status, bool counted) =>
        (counted ? feedbackStore : uncounted).UpdateStatusAsync(project, id, status);

    public Task DeleteFeedbackAsync(ProjectKey project, FeedbackId id, bool counted) => (counted ? feedbackStore : uncounted).DeleteAsync(project, id);

    public Task MoveManyAsync(ProjectKey project, IReadOnlyCollection<FeedbackId> ids, FeedbackStatus status, bool counted) =>
        (counted ? feedbackStore : uncounted).MoveManyAsync(project, ids, status, expectedStatus: FeedbackStatus.Open);

    /// <summary>A submit on the rows table: today's default (transactional), or the recommended profile's cached check.</summary>
    public Task SubmitOnRowsAsync(GeneratedFeedback feedback, bool cachedCheck) =>
        (cachedCheck ? recommended : defaults).SubmitAsync(feedback.Project, new NewFeedback(feedback.Message, feedback.Payload) { Id = feedback.Id });

    /// <summary>A status move with streamed counts on the rows table: one UpdateItem, no read.</summary>
    public Task UpdateStatusOnRowsAsync(ProjectKey project, FeedbackId id, FeedbackStatus status) => defaults.UpdateStatusAsync(project, id, status);

    /// <summary>A feedback delete with streamed counts on the rows table: one DeleteItem.</summary>
    public Task DeleteOnRowsAsync(ProjectKey project, FeedbackId id) => defaults.DeleteAsync(project, id);

    /// <summary>A bulk move with streamed counts on the rows table: one UpdateItem per item.</summary>
    public Task MoveManyOnRowsAsync(ProjectKey project, IReadOnlyCollection<FeedbackId> ids, FeedbackStatus status) =>
        defaults.MoveManyAsync(project, ids, status, expectedStatus: FeedbackStatus.Open);

    /// <summary>A triage page of rows, read from the status index alone: what a triage inbox calls.</summary>
    public async Task<IReadOnlyList<FeedbackRow>> ListRowsByStatusAsync(ProjectKey project, FeedbackStatus status, int pageSize) =>
        (await defaults.ListRowsByStatusAsync(project, status, new FeedbackQuery { PageSize = pageSize }).ConfigureAwait(false)).Items;

    /// <summary>A status page of whole feedback on the rows table: the rows, then the items they name.</summary>
    public async Task<IReadOnlyList<Feedback>> ListByStatusOnRowsAsync(ProjectKey project, FeedbackStatus status, int pageSize) =>
        (await defaults.ListByStatusAsync(project, status, new FeedbackQuery { PageSize = pageSize }).ConfigureAwait(false)).Items;

    /// <summary>
    /// The library's table definition without its stream: no projector runs here, a stream bills no capacity, and
    /// DynamoDB Local slows down as stream records pile up (every seeded item of every dataset leaves one), which made
    /// a full run's later datasets take many times as long to seed and sample.
    /// </summary>
    private async Task CreateAsync(string name, StatusIndexProjection projection)
    {
        var request = TapkoTable.BuildCreateTableRequest(name, projection: projection);
        request.StreamSpecification = null;
        try
        {
            await client.CreateTableAsync(request).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            return;
        }

        while ((await client.DescribeTableAsync(name).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
