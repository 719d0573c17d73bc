using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// Picks the target of the next invocation of a pattern, computes what it should cost, and afterwards puts the data
/// back, all through the bare client (outside the measured call, publishing no capacity). Restoring keeps every case
/// reading the seeded dataset exactly: a submit or status benchmark run before a list benchmark changes nothing it reads.
/// </summary>
public sealed class Workload(Dataset data, DesignKind kind)
{
    public const int PageSize = PageLimits.DefaultPageSize;

    /// <summary>The feedback a project created and then deleted by the delete benchmark holds.</summary>
    public const int DoomedProjectItems = 20;

    /// <summary>The status a triage page filters on: the inbox, the view opened most.</summary>
    public const FeedbackStatus FilteredStatus = FeedbackStatus.Open;

    private readonly IDesign design = data.Design(kind);
    private readonly Random random = new(20261125 + data.Seed);
    private readonly List<Func<Task>> restores = [];
    private int sequence;

    public IDesign Design => design;

    public Dataset Data => data;

    public DesignKind Kind => kind;

    public Random Random => random;

    /// <summary>Adds a step that puts the data back after the next measured call.</summary>
    public void OnRestore(Func<Task> restore) => restores.Add(restore);

    /// <summary>Puts <paramref name="project"/>'s seeded item back after the call (its counters change on counted writes).</summary>
    public void RestoreProject(GeneratedProject project)
    {
        var original = design.ProjectItem(project, collecting: true);
        restores.Add(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.ProjectTable, Item = original }));
    }

    /// <summary>The seeded project <paramref name="key"/> names.</summary>
    public GeneratedProject ProjectOf(ProjectKey key) => data.Projects.First(p => p.Key == key);

    public (GeneratedProject Project, Units Expected) NextCreate()
    {
        var project = NewProject("created");
        restores.Add(() => data.Client.DeleteItemAsync(new DeleteItemRequest { TableName = design.ProjectTable, Key = design.ProjectKey(project.Key) }));
        var companions = design.CompanionItems(project).ToList();
        foreach (var companion in companions)
        {
            restores.Add(() => data.Client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = design.ProjectTable,
                Key = new() { [PrimaryIndex.PartitionKey] = companion[PrimaryIndex.PartitionKey], [PrimaryIndex.SortKey] = companion[PrimaryIndex.SortKey] },
            }));
        }

        return (project, CostModel.CreateProject(ItemSize.Of(design.AsWritten(design.ProjectItem(project, collecting: true))), companions.Select(ItemSize.Of).ToList()));
    }

    public (ProjectKey Project, Units Expected) NextToggle()
    {
        var project = data.Projects[random.Next(data.Projects.Count)];
        var original = design.ProjectItem(project, collecting: true);
        restores.Add(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.ProjectTable, Item = original }));

        // Closing changes a boolean and bumps version 1 to 2, which weigh the same.
        return (project.Key, CostModel.SetCollecting(ItemSize.Of(original), ItemSize.Of(design.AsWritten(original))));
    }

    public (GeneratedFeedback Feedback, Units Expected) NextSubmit()
    {
        var (submission, project) = NewSubmission();
        if (kind == DesignKind.Tapko)
        {
            // Only the library's submit changes the project item (its open counter).
            RestoreProject(project);
        }

        return (submission, CostModel.Submit(kind, data.ProjectBytes(kind, project), data.FeedbackBytes(kind, submission)));
    }

    /// <summary>A fresh submission to a random project; it is deleted again after the call.</summary>
    public (GeneratedFeedback Submission, GeneratedProject Project) NewSubmission()
    {
        var project = data.Projects[random.Next(data.Projects.Count)];
        var submission = DatasetGenerator.NewSubmission(project.Key, Interlocked.Increment(ref sequence), DateTimeOffset.UtcNow);
        restores.Add(() => data.Client.DeleteItemAsync(new DeleteItemRequest { TableName = design.FeedbackTable, Key = design.FeedbackKey(project.Key, submission.Id) }));
        return (submission, project);
    }

    public (GeneratedFeedback Feedback, Units Expected) NextGet()
    {
        var item = AnyItem(_ => true);
        return (item, CostModel.Get(Sized(item)));
    }

    /// <summary>A page of one of the two large customers, in turn: the projects whose first page is full in every dataset size.</summary>
    public (ProjectKey Project, Units Expected) NextList() => NextList(LargeProject());

    /// <summary>The first page of the project at <paramref name="projectIndex"/> in <see cref="Dataset.Projects"/>.</summary>
    public (ProjectKey Project, Units Expected) NextList(int projectIndex)
    {
        var items = data.ByProject[projectIndex];
        var page = items.Take(PageSize).Select(i => Sized(i)).ToList();
        return (data.Projects[projectIndex].Key, CostModel.List(kind, page, data.FeedbackTableBytes(kind)));
    }

    public (ProjectKey Project, Units Expected) NextListByStatus() => NextListByStatus(LargeProject());

    public (ProjectKey Project, Units Expected) NextListByStatus(int projectIndex)
    {
        var items = data.ByProject[projectIndex];
        var newestFirst = items.Select(i => Sized(i, i.Status == FilteredStatus)).ToList();
        return (data.Projects[projectIndex].Key, CostModel.ListByStatus(kind, newestFirst, PageSize, data.FeedbackTableBytes(kind)));
    }

    /// <summary>The projects whose first page (of <see cref="FilteredStatus"/> when <paramref name="byStatus"/>) is full.</summary>
    public IReadOnlyList<int> FullPageProjects(bool byStatus) =>
        [.. Enumerable.Range(0, data.Projects.Count).Where(p => data.ByProject[p].Count(i => !byStatus || i.Status == FilteredStatus) >= PageSize)];

    public (GeneratedFeedback Feedback, FeedbackStatus NewStatus, Units Expected) NextUpdateStatus()
    {
        var item = AnyItem(i => i.Status == FeedbackStatus.Open);
        var (original, updated) = MovedToInProgress(item);
        if (kind != DesignKind.Tapko)
        {
            return (item, FeedbackStatus.InProgress, CostModel.UpdateStatus(kind, ItemSize.Of(original), ItemSize.Of(updated)));
        }

        // The library keeps the project's status counters by default: the move is counted.
        var project = ProjectOf(item.Project);
        RestoreProject(project);
        return (item, FeedbackStatus.InProgress, CountedCostModel.CountedMove(ItemSize.Of(original), ItemSize.Of(updated), ProjectSizes(project, (FeedbackStatus.Open, -1), (FeedbackStatus.InProgress, 1))));
    }

    /// <summary>Writes a fresh project with <see cref="DoomedProjectItems"/> items for the delete benchmark to remove.</summary>
    public async Task<(ProjectKey Project, Units Expected)> NextDeleteAsync()
    {
        var project = NewProject("doomed");
        var items = Enumerable.Range(0, DoomedProjectItems).Select(r => DatasetGenerator.Item(project, r)).ToList();
        var writes = new List<(string, Dictionary<string, AttributeValue>)> { (design.ProjectTable, design.ProjectItem(project, collecting: true)) };
        var companions = design.CompanionItems(project).ToList();
        writes.AddRange(companions.Select(c => (design.ProjectTable, c)));
        writes.AddRange(items.Select(i => (design.FeedbackTable, design.FeedbackItem(i))));
        await Seeder.WriteAsync(data.Client, label: null, writes).ConfigureAwait(false);

        var projectItem = design.ProjectItem(project, collecting: true);
        var marked = new Dictionary<string, AttributeValue>(design.AsWritten(design.ProjectItem(project, collecting: false)))
        {
            [AttributeNames.DeletingSince] = new() { S = Timestamps.Format(DateTimeOffset.UtcNow) },
        };
        var bytes = items.Select(i => data.FeedbackBytes(kind, i)).ToList();
        var expected = CostModel.DeleteProject(kind, ItemSize.Of(projectItem), ItemSize.Of(marked), companions.Select(ItemSize.Of).ToList(), bytes, data.FeedbackTableBytes(kind) + bytes.Sum());
        return (project.Key, expected);
    }

    public async Task RestoreAsync()
    {
        foreach (var restore in restores)
        {
            await restore().ConfigureAwait(false);
        }

        restores.Clear();
    }

    private GeneratedProject NewProject(string purpose)
    {
        var n = Interlocked.Increment(ref sequence);
        var owner = UserId.Parse($"owner-{random.Next(DatasetGenerator.OwnerCount):D2}");
        return new GeneratedProject(new ProjectKey(owner, ProjectId.New()), $"{purpose} project {n}", DateTimeOffset.UtcNow, 1_000 + n);
    }

    private int LargeProject() => Interlocked.Increment(ref sequence) % 2;

    /// <summary>The item as seeded and as a move to in-progress leaves it; the seeded one is put back after the call.</summary>
    public (Dictionary<string, AttributeValue> Original, Dictionary<string, AttributeValue> Updated) MovedToInProgress(GeneratedFeedback item)
    {
        var original = design.FeedbackItem(item);
        restores.Add(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.FeedbackTable, Item = original }));
        return (original, design.AsWritten(design.FeedbackItem(item.WithStatus(FeedbackStatus.InProgress, DateTimeOffset.UtcNow))));
    }

    /// <summary>
    /// The project item's size before and after a counted write changes its counters by <paramref name="changes"/>
    /// (the seeded item carries none; the write adds them and stamps its write id).
    /// </summary>
    public (int Before, int After) ProjectSizes(GeneratedProject project, params (FeedbackStatus Status, int Delta)[] changes)
    {
        var before = design.ProjectItem(project, collecting: true);
        var after = design.AsWritten(before);
        foreach (var (status, delta) in changes)
        {
            after[StatusCounters.AttributeOf(status)] = new() { N = delta.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return (ItemSize.Of(before), ItemSize.Of(after));
    }

    public SizedItem Sized(GeneratedFeedback item, bool matches = true) => new(data.FeedbackBytes(kind, item), data.NeutralBytes(item), matches);

    public GeneratedFeedback AnyItem(Func<GeneratedFeedback, bool> accept)
    {
        while (true)
        {
            var project = data.ByProject[random.Next(data.ByProject.Length)];
            if (project.Length > 0 && project[random.Next(project.Length)] is var item && accept(item))
            {
                return item;
            }
        }
    }
}
