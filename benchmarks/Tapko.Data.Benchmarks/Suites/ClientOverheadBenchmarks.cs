using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using Tapko.Data.Benchmarks.Overhead;
using Tapko.Data.Benchmarks.Stub;

namespace Tapko.Data.Benchmarks.Suites;

/// <summary>
/// Client-side cost only: DynamoDB's answers come from <see cref="CannedResponseHandler"/> inside this process, so the
/// time and allocations are the client's. Per pattern, the library's store call against the same request written by
/// hand on <see cref="AmazonDynamoDBClient"/> (the baseline of each group) and against <see cref="DynamoDBContext"/>.
/// The context cannot express a conditional transaction or an update expression, so its submit and status update are
/// a read followed by a save (two requests): that is what the object model makes a team write. The library runs twice:
/// bare (no listener, so its telemetry is skipped at the first check) and with the OpenTelemetry SDK recording every
/// span and metric, as a production service would.
/// </summary>
public class ClientOverheadBenchmarks
{
    private readonly CannedResponseHandler handler = new();
    private AmazonDynamoDBClient client = null!;
    private FeedbackStore store = null!;
    private HandWrittenFeedbackClient handWritten = null!;
    private DynamoDBContext context = null!;
    private ProjectKey project;
    private FeedbackId id;
    private ProductionTelemetry? telemetry;
    private int sequence;

    [GlobalSetup]
    public void Setup() => Start(projectOnGet: false);

    [GlobalSetup(Target = nameof(ContextSubmit))]
    public void SetupContextSubmit() => Start(projectOnGet: true);

    /// <summary>
    /// The OpenTelemetry SDK attaches before the pre-run, so its code paths are as warm as the bare library's, and
    /// detaches in the cleanup: no other case runs with a listener.
    /// </summary>
    [GlobalSetup(Targets = [nameof(TelemetryGet), nameof(TelemetryList), nameof(TelemetrySubmit), nameof(TelemetryUpdateStatus)])]
    public void SetupTelemetry()
    {
        telemetry = new ProductionTelemetry();
        Start(projectOnGet: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (telemetry is not null)
        {
            Console.WriteLine("// " + telemetry.Flush());
            telemetry.Dispose();
            telemetry = null;
        }

        context.Dispose();
        client.Dispose();
    }

    [Benchmark(Description = "library")]
    [BenchmarkCategory("get feedback")]
    public Task<Feedback?> LibraryGet() => store.GetAsync(project, id);

    [Benchmark(Baseline = true, Description = "low-level SDK")]
    [BenchmarkCategory("get feedback")]
    public Task<Feedback?> LowLevelGet() => handWritten.GetAsync(project, id);

    [Benchmark(Description = "library + OpenTelemetry")]
    [BenchmarkCategory("get feedback")]
    public Task<Feedback?> TelemetryGet() => LibraryGet();

    [Benchmark(Description = "DynamoDBContext")]
    [BenchmarkCategory("get feedback")]
    public Task<FeedbackRecord> ContextGet() => context.LoadAsync<FeedbackRecord>("PROJECT#" + project.ProjectId.Value, "FEEDBACK#" + id);

    [Benchmark(Description = "library")]
    [BenchmarkCategory("list page (50)")]
    public Task<Page<Feedback>> LibraryList() => store.ListAsync(project);

    [Benchmark(Baseline = true, Description = "low-level SDK")]
    [BenchmarkCategory("list page (50)")]
    public Task<(List<Feedback>, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>?)> LowLevelList() => handWritten.ListAsync(project, ClientOverheadData.PageSize);

    [Benchmark(Description = "library + OpenTelemetry")]
    [BenchmarkCategory("list page (50)")]
    public Task<Page<Feedback>> TelemetryList() => LibraryList();

    [Benchmark(Description = "DynamoDBContext")]
    [BenchmarkCategory("list page (50)")]
    public Task<List<FeedbackRecord>> ContextList()
    {
        var search = context.FromQueryAsync<FeedbackRecord>(new QueryOperationConfig
        {
            KeyExpression = new Expression
            {
                ExpressionStatement = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = { ["#pk"] = "PK", ["#sk"] = "SK" },
                ExpressionAttributeValues = { [":pk"] = "PROJECT#" + project.ProjectId.Value, [":prefix"] = "FEEDBACK#" },
            },
            FilterExpression = new Expression
            {
                ExpressionStatement = "#owner = :owner",
                ExpressionAttributeNames = { ["#owner"] = "userId" },
                ExpressionAttributeValues = { [":owner"] = project.Owner.Value },
            },
            Limit = ClientOverheadData.PageSize,
            BackwardSearch = true,
        });
        return search.GetNextSetAsync();
    }

    [Benchmark(Description = "library")]
    [BenchmarkCategory("submit")]
    public Task<Feedback> LibrarySubmit()
    {
        var item = ClientOverheadData.Item;
        return store.SubmitAsync(project, new NewFeedback(item.Message, item.Payload) { Id = NextId() });
    }

    [Benchmark(Baseline = true, Description = "low-level SDK")]
    [BenchmarkCategory("submit")]
    public Task<Feedback> LowLevelSubmit()
    {
        var item = ClientOverheadData.Item;
        return handWritten.SubmitAsync(project, item.Message, item.Payload, NextId());
    }

    [Benchmark(Description = "library + OpenTelemetry")]
    [BenchmarkCategory("submit")]
    public Task<Feedback> TelemetrySubmit() => LibrarySubmit();

    [Benchmark(Description = "DynamoDBContext (read + save)")]
    [BenchmarkCategory("submit")]
    public async Task<FeedbackRecord> ContextSubmit()
    {
        var owner = await context.LoadAsync<ProjectRecord>("USER#" + project.Owner.Value, "PROJECT#" + project.ProjectId.Value, new LoadConfig { ConsistentRead = true }).ConfigureAwait(false);
        if (owner is not { IsCollectingFeedback: true, DeletingSince: null })
        {
            throw new InvalidOperationException("The canned project is not collecting.");
        }

        var item = ClientOverheadData.Item;
        var newId = NextId();
        var created = Timestamps.Format(newId.CreatedAt);
        var record = new FeedbackRecord
        {
            Pk = "PROJECT#" + project.ProjectId.Value,
            Sk = "FEEDBACK#" + newId,
            Gsi1Pk = "PROJECT#" + project.ProjectId.Value,
            Gsi1Sk = "STATUS#open#" + created,
            UserId = project.Owner.Value,
            ProjectId = project.ProjectId.Value,
            FeedbackId = newId.ToString(),
            Message = item.Message,
            Status = "open",
            CreatedAt = created,
            UpdatedAt = created,
            Payload = item.Payload,
        };
        await context.SaveAsync(record).ConfigureAwait(false);
        return record;
    }

    [Benchmark(Description = "library")]
    [BenchmarkCategory("update status")]
    public Task<Feedback> LibraryUpdateStatus() => store.UpdateStatusAsync(project, id, FeedbackStatus.InProgress);

    [Benchmark(Baseline = true, Description = "low-level SDK")]
    [BenchmarkCategory("update status")]
    public Task<Feedback> LowLevelUpdateStatus() => handWritten.UpdateStatusAsync(project, id, FeedbackStatus.InProgress);

    [Benchmark(Description = "library + OpenTelemetry")]
    [BenchmarkCategory("update status")]
    public Task<Feedback> TelemetryUpdateStatus() => LibraryUpdateStatus();

    [Benchmark(Description = "DynamoDBContext (read + save)")]
    [BenchmarkCategory("update status")]
    public async Task<FeedbackRecord> ContextUpdateStatus()
    {
        var record = await context.LoadAsync<FeedbackRecord>("PROJECT#" + project.ProjectId.Value, "FEEDBACK#" + id).ConfigureAwait(false);
        record.Status = "in-progress";
        record.Gsi1Sk = "STATUS#in-progress#" + record.CreatedAt;
        record.UpdatedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await context.SaveAsync(record).ConfigureAwait(false);
        return record;
    }

    private void Start(bool projectOnGet)
    {
        handler.Serve(ClientOverheadData.Bodies(projectOnGet));
        client = new AmazonDynamoDBClient(new BasicAWSCredentials("stub", "stub"), new AmazonDynamoDBConfig
        {
            // Never contacted: the handler answers before anything reaches a socket.
            ServiceURL = "http://127.0.0.1:9/",
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = new StubHttpClientFactory(handler),
            MaxErrorRetry = 0,
        });
        store = new FeedbackStore(client, new TapkoStoreOptions { TableName = ClientOverheadData.Table, StatusCounts = StatusCountsMode.Maintained, StatusIndexProjection = StatusIndexProjection.Full });
        handWritten = new HandWrittenFeedbackClient(client, ClientOverheadData.Table);

        // Metadata from the attributes, not a DescribeTable call: what a performance-minded context user configures.
        context = new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c => c.DisableFetchingTableMetadata = true)
            .Build();
        project = ClientOverheadData.Project.Key;
        id = ClientOverheadData.Item.Id;
        Prewarm(projectOnGet);
    }

    /// <summary>
    /// In one process the cases share the JIT: whichever runs first would pay for tiering up the SDK's code. Running
    /// every path first gives each case the same steady state whatever the order.
    /// </summary>
    private void Prewarm(bool projectOnGet)
    {
        for (var i = 0; i < (RunSettings.Current.Quick ? 20 : 500); i++)
        {
            if (projectOnGet)
            {
                ContextSubmit().GetAwaiter().GetResult();
                continue;
            }

            LibraryGet().GetAwaiter().GetResult();
            LowLevelGet().GetAwaiter().GetResult();
            ContextGet().GetAwaiter().GetResult();
            LibraryList().GetAwaiter().GetResult();
            LowLevelList().GetAwaiter().GetResult();
            ContextList().GetAwaiter().GetResult();
            LibrarySubmit().GetAwaiter().GetResult();
            LowLevelSubmit().GetAwaiter().GetResult();
            LibraryUpdateStatus().GetAwaiter().GetResult();
            LowLevelUpdateStatus().GetAwaiter().GetResult();
            ContextUpdateStatus().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// A new id per submission, minted now: the library accepts a caller-chosen id only within minutes of its clock
    /// (<see cref="TapkoStoreOptions.FeedbackIdMaxAge"/>). Every id has the same length, so every invocation builds a
    /// request of the same size.
    /// </summary>
    private FeedbackId NextId() =>
        FeedbackId.Parse(Ulid.NewUlid(DateTimeOffset.UtcNow, BitConverter.GetBytes((long)++sequence).Concat(new byte[2]).ToArray()).ToString());
}
