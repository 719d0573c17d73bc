using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// One dataset size, seeded into every design on the same DynamoDB Local, with the size of every item as each design
/// stores it: the cost model needs them, and the report shows them.
/// </summary>
public sealed class Dataset
{
    private readonly Dictionary<DesignKind, IDesign> designs;
    private readonly Dictionary<DesignKind, Dictionary<FeedbackId, int>> feedbackBytes = [];
    private readonly Dictionary<DesignKind, long> tableBytes = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FeedbackId, int> neutralBytes = new();

    private Dataset(IAmazonDynamoDB client, int items, int seed, IReadOnlyList<GeneratedProject> projects, GeneratedFeedback[][] byProject)
    {
        Client = client;
        Items = items;
        Seed = seed;
        Projects = projects;
        ByProject = byProject;
        var suffix = seed == 0 ? $"{items}" : $"{items}-seed{seed}";
        designs = new()
        {
            [DesignKind.Tapko] = new TapkoDesign(client, $"tapko-{suffix}"),
            [DesignKind.MultiTableScan] = new MultiTableScanDesign(client, $"scan-{suffix}"),
            [DesignKind.MultiTableGsi] = new MultiTableGsiDesign(client, $"gsi-{suffix}"),
        };
    }

    /// <summary>The bare client: seeding and restoring go through it, so they publish no capacity.</summary>
    public IAmazonDynamoDB Client { get; }

    public int Items { get; }

    /// <summary>The generator's seed: 0 is the dataset the latency suite reads; others give other projects and items of the same shape.</summary>
    public int Seed { get; }

    public IReadOnlyList<GeneratedProject> Projects { get; }

    /// <summary>Each project's feedback, newest first (index = recency).</summary>
    public GeneratedFeedback[][] ByProject { get; }

    public Dictionary<DesignKind, TimeSpan> SeedTimes { get; } = [];

    public IDesign Design(DesignKind kind) => designs[kind];

    public int FeedbackBytes(DesignKind kind, GeneratedFeedback item) =>
        feedbackBytes[kind].TryGetValue(item.Id, out var bytes) ? bytes : ItemSize.Of(designs[kind].FeedbackItem(item));

    /// <summary>The item's size as the user's data alone (<see cref="NeutralItem"/>), whatever the design.</summary>
    public int NeutralBytes(GeneratedFeedback item) => neutralBytes.GetOrAdd(item.Id, _ => NeutralItem.Bytes(item));

    public int ProjectBytes(DesignKind kind, GeneratedProject project, bool collecting = true) =>
        ItemSize.Of(designs[kind].ProjectItem(project, collecting));

    /// <summary>All seeded feedback as the design stores it: what a full Scan reads.</summary>
    public long FeedbackTableBytes(DesignKind kind) => tableBytes[kind];

    public IEnumerable<int> AllFeedbackBytes(DesignKind kind) => feedbackBytes[kind].Values;

    /// <summary>Deletes every table of the dataset, so a dataset seeded only for sampling does not stay in DynamoDB Local's memory.</summary>
    public async Task DropAsync()
    {
        foreach (var table in designs.Values.SelectMany(d => d.Tables).Distinct())
        {
            await Client.DeleteTableAsync(table).ConfigureAwait(false);
        }
    }

    public static async Task<Dataset> CreateAsync(IAmazonDynamoDB client, int items, int seed = 0)
    {
        var projects = DatasetGenerator.Projects(seed);
        var byProject = new GeneratedFeedback[projects.Count][];
        var counts = DatasetGenerator.ItemsPerProject(items);
        for (var p = 0; p < projects.Count; p++)
        {
            byProject[p] = [.. Enumerable.Range(0, counts[p]).Select(r => DatasetGenerator.Item(projects[p], r))];
        }

        var dataset = new Dataset(client, items, seed, projects, byProject);
        foreach (var (kind, design) in dataset.designs)
        {
            await design.CreateTablesAsync().ConfigureAwait(false);
            var sizes = new Dictionary<FeedbackId, int>(items);
            var writes = new List<(string, Dictionary<string, AttributeValue>)>(items + projects.Count);
            writes.AddRange(projects.Select(p => (design.ProjectTable, design.ProjectItem(p, collecting: true))));
            writes.AddRange(projects.SelectMany(p => design.CompanionItems(p).Select(i => (design.ProjectTable, i))));
            foreach (var item in byProject.SelectMany(f => f))
            {
                var stored = design.FeedbackItem(item);
                sizes[item.Id] = ItemSize.Of(stored);
                writes.Add((design.FeedbackTable, stored));
            }

            if (design is TapkoDesign tapko)
            {
                // The same items in the table whose status index projects triage rows, for today's defaults.
                writes.AddRange([.. writes.Select(w => (tapko.RowsTable, w.Item2))]);
            }

            dataset.feedbackBytes[kind] = sizes;
            dataset.tableBytes[kind] = sizes.Values.Sum(b => (long)b);
            dataset.SeedTimes[kind] = await Seeder.WriteAsync(client, $"{kind} {items:N0}{(seed == 0 ? string.Empty : $" seed {seed}")}", writes).ConfigureAwait(false);
        }

        return dataset;
    }
}
