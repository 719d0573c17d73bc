using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
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

    private Dataset(IAmazonDynamoDB client, int items, IReadOnlyList<GeneratedProject> projects, GeneratedFeedback[][] byProject)
    {
        Client = client;
        Items = items;
        Projects = projects;
        ByProject = byProject;
        designs = new()
        {
            [DesignKind.Tapko] = new TapkoDesign(client, $"tapko-{items}"),
            [DesignKind.MultiTableScan] = new MultiTableScanDesign(client, $"scan-{items}"),
            [DesignKind.MultiTableGsi] = new MultiTableGsiDesign(client, $"gsi-{items}"),
        };
    }

    /// <summary>The bare client: seeding and restoring go through it, so they publish no capacity.</summary>
    public IAmazonDynamoDB Client { get; }

    public int Items { get; }

    public IReadOnlyList<GeneratedProject> Projects { get; }

    /// <summary>Each project's feedback, newest first (index = recency).</summary>
    public GeneratedFeedback[][] ByProject { get; }

    public Dictionary<DesignKind, TimeSpan> SeedTimes { get; } = [];

    public IDesign Design(DesignKind kind) => designs[kind];

    public int FeedbackBytes(DesignKind kind, GeneratedFeedback item) =>
        feedbackBytes[kind].TryGetValue(item.Id, out var bytes) ? bytes : ItemSize.Of(designs[kind].FeedbackItem(item));

    public int ProjectBytes(DesignKind kind, GeneratedProject project, bool collecting = true) =>
        ItemSize.Of(designs[kind].ProjectItem(project, collecting));

    /// <summary>All seeded feedback as the design stores it: what a full Scan reads.</summary>
    public long FeedbackTableBytes(DesignKind kind) => tableBytes[kind];

    public IEnumerable<int> AllFeedbackBytes(DesignKind kind) => feedbackBytes[kind].Values;

    public static async Task<Dataset> CreateAsync(IAmazonDynamoDB client, int items)
    {
        var projects = DatasetGenerator.Projects();
        var byProject = new GeneratedFeedback[projects.Count][];
        var counts = DatasetGenerator.ItemsPerProject(items);
        for (var p = 0; p < projects.Count; p++)
        {
            byProject[p] = [.. Enumerable.Range(0, counts[p]).Select(r => DatasetGenerator.Item(projects[p], r))];
        }

        var dataset = new Dataset(client, items, projects, byProject);
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

            dataset.feedbackBytes[kind] = sizes;
            dataset.tableBytes[kind] = sizes.Values.Sum(b => (long)b);
            dataset.SeedTimes[kind] = await Seeder.WriteAsync(client, $"{kind} {items:N0}", writes).ConfigureAwait(false);
            (design as TapkoDesign)?.Warm(projects);
        }

        return dataset;
    }
}
