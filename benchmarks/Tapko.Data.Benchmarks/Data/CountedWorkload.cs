using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// Targets and expected costs of the single table's own patterns (see <see cref="CountedCostModel"/>), each with and
/// without the project's status counters where the counters change the cost, on the seeded data of a
/// <see cref="Workload"/> of the single table, which puts everything back after each call.
/// </summary>
public sealed class CountedWorkload(Workload workload)
{
    /// <summary>How many items one bulk move moves: "resolve these 25".</summary>
    public const int BulkItems = 25;

    private readonly Dataset data = workload.Data;
    private readonly TapkoDesign design = (TapkoDesign)workload.Design;

    public TapkoDesign Design => design;

    public (GeneratedFeedback Feedback, Units Expected) NextWidgetSubmit(bool ownerCached)
    {
        var (submission, project) = workload.NewSubmission();
        workload.RestoreProject(project);
        var claimBytes = ownerCached ? (int?)null : design.CompanionItems(project).Sum(ItemSize.Of);
        return (submission, CountedCostModel.WidgetSubmit(data.ProjectBytes(DesignKind.Tapko, project), data.FeedbackBytes(DesignKind.Tapko, submission), claimBytes));
    }

    public (GeneratedFeedback Feedback, Units Expected) NextUncountedSubmit(bool readThenWrite)
    {
        var (submission, project) = workload.NewSubmission();
        var (projectBytes, feedbackBytes) = (data.ProjectBytes(DesignKind.Tapko, project), data.FeedbackBytes(DesignKind.Tapko, submission));
        return (submission, readThenWrite
            ? CountedCostModel.ReadThenWriteSubmit(projectBytes, feedbackBytes)
            : CostModel.Submit(DesignKind.Tapko, projectBytes, feedbackBytes));
    }

    public (ProjectKey Project, Units Expected) NextCounts()
    {
        var project = data.Projects[workload.Random.Next(data.Projects.Count)];
        return (project.Key, CountedCostModel.Counts(data.ProjectBytes(DesignKind.Tapko, project)));
    }

    public (GeneratedFeedback Feedback, Units Expected) NextUncountedMove()
    {
        var item = workload.AnyItem(i => i.Status == FeedbackStatus.Open);
        var (original, updated) = workload.MovedToInProgress(item);
        return (item, CountedCostModel.UncountedMove(ItemSize.Of(original), ItemSize.Of(updated)));
    }

    public (GeneratedFeedback Feedback, Units Expected) NextDelete(bool counted)
    {
        var item = workload.AnyItem(i => i.Status == FeedbackStatus.Open);
        var original = design.FeedbackItem(item);
        workload.OnRestore(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.FeedbackTable, Item = original }));
        if (!counted)
        {
            return (item, CountedCostModel.UncountedDelete(ItemSize.Of(original)));
        }

        var project = workload.ProjectOf(item.Project);
        workload.RestoreProject(project);
        return (item, CountedCostModel.CountedDelete(ItemSize.Of(original), workload.ProjectSizes(project, (FeedbackStatus.Open, -1))));
    }

    /// <summary><see cref="BulkItems"/> open items of one project moved to in-progress; null when no project has that many.</summary>
    public (ProjectKey Project, IReadOnlyList<FeedbackId> Ids, Units Expected)? NextBulkMove(bool counted)
    {
        var candidates = Enumerable.Range(0, data.Projects.Count).Where(p => data.ByProject[p].Count(i => i.Status == FeedbackStatus.Open) >= BulkItems).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var index = candidates[workload.Random.Next(candidates.Count)];
        var open = data.ByProject[index].Where(i => i.Status == FeedbackStatus.Open).ToList();
        var chosen = open.OrderBy(_ => workload.Random.Next()).Take(BulkItems).ToList();
        var sizes = chosen.Select(workload.MovedToInProgress).Select(m => (ItemSize.Of(m.Original), ItemSize.Of(m.Updated))).ToList();
        var project = data.Projects[index];
        if (!counted)
        {
            return (project.Key, chosen.ConvertAll(i => i.Id), CountedCostModel.UncountedBulkMove(sizes));
        }

        workload.RestoreProject(project);
        var projectSizes = workload.ProjectSizes(project, (FeedbackStatus.Open, -BulkItems), (FeedbackStatus.InProgress, BulkItems));
        return (project.Key, chosen.ConvertAll(i => i.Id), CountedCostModel.CountedBulkMove(sizes, projectSizes, Tapko.Data.Schema.ShardLayout.One.MoveBatchSize));
    }
}
