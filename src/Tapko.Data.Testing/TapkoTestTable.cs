using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing;

/// <summary>
/// A Tapko table of one test's own: created on a <see cref="DynamoDbLocal"/> from the library's definition
/// (<see cref="TapkoTable"/>) under a name no other table gets, and deleted when disposed. Tests that each take one
/// can run in parallel against a single server without seeing each other's items. It works with any test framework:
/// create it where a test starts and dispose it where the test ends.
/// </summary>
/// <example>
/// <code>
/// await using var table = await TapkoTestTable.CreateAsync(local, "projects");
/// var projects = table.CreateProjectStore();
/// await projects.CreateAsync(new ProjectKey(UserId.Parse("alice"), ProjectId.New()), "Widget");
/// </code>
/// </example>
public sealed class TapkoTestTable : IAsyncDisposable
{
    private const int MaxPrefixLength = 200;
    private static int created;
    private int disposed;

    private TapkoTestTable(IAmazonDynamoDB client, string name)
    {
        Client = client;
        Name = name;
    }

    /// <summary>The table's name, from <see cref="UniqueName"/>.</summary>
    public string Name { get; }

    /// <summary>The client the table was created with: the <see cref="DynamoDbLocal.Client"/> it lives on, owned by that instance.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>
    /// Creates a table from the library's definition (keys, the status index, the change feed's stream, time to live)
    /// under a new unique name.
    /// </summary>
    /// <param name="local">The DynamoDB Local to create it on.</param>
    /// <param name="namePrefix">A readable hint of which test made the table, kept at the start of its name.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The created, empty table; dispose it to delete it.</returns>
    public static Task<TapkoTestTable> CreateAsync(
        DynamoDbLocal local,
        string? namePrefix = null,
        CancellationToken cancellationToken = default) =>
        CreateTableAsync(local, namePrefix, changeFeed: true, cancellationToken);

    /// <summary>
    /// Creates a table like <see cref="CreateAsync(DynamoDbLocal, string?, CancellationToken)"/> but without the stream the change feed's projector reads.
    /// DynamoDB Local keeps every stream record in memory and writes about twice as slowly with a stream on, so a
    /// write-heavy test that neither reads streamed counts nor handles feedback events may leave it off.
    /// </summary>
    /// <param name="local">The DynamoDB Local to create it on.</param>
    /// <param name="namePrefix">A readable hint of which test made the table, kept at the start of its name.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The created, empty table; dispose it to delete it.</returns>
    public static Task<TapkoTestTable> CreateWithoutStreamAsync(
        DynamoDbLocal local,
        string? namePrefix = null,
        CancellationToken cancellationToken = default) =>
        CreateTableAsync(local, namePrefix, changeFeed: false, cancellationToken);

    private static async Task<TapkoTestTable> CreateTableAsync(
        DynamoDbLocal local,
        string? namePrefix,
        bool changeFeed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        var table = new TapkoTestTable(local.Client, UniqueName(namePrefix));
        if (changeFeed)
        {
            await TapkoTable.EnsureTableAsync(table.Client, table.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return table;
        }

        // DynamoDB Local creates tables ACTIVE at once.
        var request = TapkoTable.BuildCreateTableRequest(table.Name);
        request.StreamSpecification = null;
        await table.Client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        await table.Client.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = table.Name,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TapkoTable.TimeToLiveAttribute, Enabled = true },
            },
            cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>
    /// A valid DynamoDB table name no other call returns, in this process or another one sharing the same server (for
    /// example through <c>TAPKO_DYNAMODB_URL</c>): the prefix, a counter and a GUID.
    /// </summary>
    /// <param name="prefix">A readable hint; characters DynamoDB rejects are dropped and it is cut to 200 characters.</param>
    /// <returns>The name, for example <c>projects-3-5f0c…</c>.</returns>
    public static string UniqueName(string? prefix = null)
    {
        var readable = string.Concat((prefix ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(MaxPrefixLength));
        return $"{(readable.Length == 0 ? "t" : readable)}-{Interlocked.Increment(ref created)}-{Guid.NewGuid():N}";
    }

    /// <summary>Store options that point at this table.</summary>
    /// <param name="configure">Adjusts the other options (signing key, consistency, retries).</param>
    /// <returns>New options with <see cref="TapkoStoreOptions.TableName"/> set to <see cref="Name"/>.</returns>
    public TapkoStoreOptions CreateOptions(Action<TapkoStoreOptions>? configure = null)
    {
        var options = new TapkoStoreOptions { TableName = Name };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A project store on this table, through <see cref="Client"/>.</summary>
    /// <param name="timeProvider">The clock the store stamps items with; the system clock when <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options, as in <see cref="CreateOptions"/>.</param>
    /// <returns>A new store.</returns>
    public ProjectStore CreateProjectStore(TimeProvider? timeProvider = null, Action<TapkoStoreOptions>? configure = null) =>
        new(Client, CreateOptions(configure), timeProvider);

    /// <summary>A feedback store on this table, through <see cref="Client"/>.</summary>
    /// <param name="timeProvider">The clock the store stamps items with; the system clock when <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options, as in <see cref="CreateOptions"/>.</param>
    /// <returns>A new store.</returns>
    public FeedbackStore CreateFeedbackStore(TimeProvider? timeProvider = null, Action<TapkoStoreOptions>? configure = null) =>
        new(Client, CreateOptions(configure), timeProvider);

    /// <summary>
    /// The change feed's projector on this table (<see cref="StatusCountsMode.Streamed"/> counts and feedback events):
    /// call <see cref="TapkoProjector.CatchUpAsync"/> after a test's writes and before it reads counts.
    /// </summary>
    /// <param name="timeProvider">Its clock; give it the stores' clock, so its reports and their reads agree on the time.</param>
    /// <param name="configure">Adjusts the store options it reads the table with, as in <see cref="CreateOptions"/>.</param>
    /// <param name="handlers">Receivers of feedback events.</param>
    /// <param name="configureProjector">Adjusts the projector's own options.</param>
    /// <returns>A new projector, signing its Streams calls with the local client's credentials.</returns>
    public TapkoProjector CreateProjector(
        TimeProvider? timeProvider = null,
        Action<TapkoStoreOptions>? configure = null,
        IEnumerable<IFeedbackEventHandler>? handlers = null,
        Action<TapkoProjectorOptions>? configureProjector = null)
    {
        var options = new TapkoProjectorOptions { StreamsCredentials = LocalClientFactory.Credentials() };
        configureProjector?.Invoke(options);
        return new TapkoProjector(Client, CreateOptions(configure), options, handlers, timeProvider);
    }

    /// <summary>Deletes the table. A table the test already deleted is fine; calling it again does nothing.</summary>
    /// <returns>A task that completes once DynamoDB accepted the deletion.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Not the test's token: a cancelled test must still leave no table behind.
            await Client.DeleteTableAsync(new DeleteTableRequest { TableName = Name }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            // A test may have dropped it on purpose.
        }
    }
}
