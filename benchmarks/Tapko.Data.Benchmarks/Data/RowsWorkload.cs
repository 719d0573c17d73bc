using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// Targets and expected costs of today's defaults and the recommended profile (see <see cref="RowsCostModel"/>) on the
/// single table's second copy of the data, whose status index projects triage rows; every change is put back after the call.
/// </summary>
public sealed class RowsWorkload(Workload workload)
{
    private readonly Dataset data = workload.Data;
    private readonly TapkoDesign design = (TapkoDesign)workload.Design;

    public TapkoDesign Design => design;

    /// <summary>A fresh submission to a random project of the rows table; deleted again after the call.</summary>
    public (GeneratedFeedback Feedback, Units Expected) NextSubmit(bool cachedCheck)
    {
        var project = data.Projects[workload.Random.Next(data.Projects.Count)];
        var submission = DatasetGenerator.NewSubmission(project.Key, workload.Random.Next(1_000_000, int.MaxValue), DateTimeOffset.UtcNow);
        Delete(project.Key, submission.Id);
        var item = design.FeedbackItem(submission);
        var (feedbackBytes, entryBytes) = (ItemSize.Of(item), ItemSize.Of(RowsCostModel.RowEntry(item)));
        return (submission, cachedCheck
            ? RowsCostModel.CachedCheckSubmit(feedbackBytes, entryBytes)
            : RowsCostModel.TransactionalSubmit(data.ProjectBytes(DesignKind.Tapko, project), feedbackBytes, entryBytes));
    }

    /// <summary>
    /// Fills the cached check's cache for <paramref name="project"/> as a project's first submission in a process does,
    /// outside the measured call, so the measured one is the steady state; the priming submission is deleted again.
    /// </summary>
    public async Task PrimeCachedCheckAsync(ProjectKey project)
    {
        var primer = DatasetGenerator.NewSubmission(project, workload.Random.Next(1_000_000, int.MaxValue), DateTimeOffset.UtcNow);
        await design.SubmitOnRowsAsync(primer, cachedCheck: true).ConfigureAwait(false);
        Delete(project, primer.Id);
    }

    public (GeneratedFeedback Feedback, Units Expected) NextMove()
    {
        var item = workload.AnyItem(i => i.Status == FeedbackStatus.Open);
        var original = design.FeedbackItem(item);
        workload.OnRestore(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.RowsTable, Item = original }));
        var updated = design.AsWritten(design.FeedbackItem(item.WithStatus(FeedbackStatus.InProgress, DateTimeOffset.UtcNow)));
        return (item, RowsCostModel.Move(ItemSize.Of(original), ItemSize.Of(updated), ItemSize.Of(RowsCostModel.RowEntry(original)), ItemSize.Of(RowsCostModel.RowEntry(updated))));
    }

    public (GeneratedFeedback Feedback, Units Expected) NextDelete()
    {
        var item = workload.AnyItem(i => i.Status == FeedbackStatus.Open);
        var original = design.FeedbackItem(item);
        workload.OnRestore(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.RowsTable, Item = original }));
        return (item, RowsCostModel.Delete(ItemSize.Of(original), ItemSize.Of(RowsCostModel.RowEntry(original))));
    }

    /// <summary><see cref="CountedWorkload.BulkItems"/> open items of one project moved to in-progress: one UpdateItem each.</summary>
    public (ProjectKey Project, IReadOnlyList<FeedbackId> Ids, Units Expected) NextBulkMove()
    {
        var candidates = Enumerable.Range(0, data.Projects.Count).Where(p => data.ByProject[p].Count(i => i.Status == FeedbackStatus.Open) >= CountedWorkload.BulkItems).ToList();
        var index = candidates[workload.Random.Next(candidates.Count)];
        var chosen = data.ByProject[index].Where(i => i.Status == FeedbackStatus.Open).OrderBy(_ => workload.Random.Next()).Take(CountedWorkload.BulkItems).ToList();
        var expected = default(Units);
        foreach (var item in chosen)
        {
            var original = design.FeedbackItem(item);
            workload.OnRestore(() => data.Client.PutItemAsync(new PutItemRequest { TableName = design.RowsTable, Item = original }));
            var updated = design.AsWritten(design.FeedbackItem(item.WithStatus(FeedbackStatus.InProgress, DateTimeOffset.UtcNow)));
            expected += RowsCostModel.Move(ItemSize.Of(original), ItemSize.Of(updated), ItemSize.Of(RowsCostModel.RowEntry(original)), ItemSize.Of(RowsCostModel.RowEntry(updated)));
        }

        return (data.Projects[index].Key, chosen.ConvertAll(i => i.Id), expected);
    }

    /// <summary>The first page of <see cref="Workload.FilteredStatus"/> of the project at <paramref name="projectIndex"/>: as rows, or as whole items.</summary>
    public (ProjectKey Project, Units Expected) NextStatusPage(int projectIndex, bool rows)
    {
        var page = data.ByProject[projectIndex].Where(i => i.Status == Workload.FilteredStatus).Take(Workload.PageSize).ToList();
        var entries = page.ConvertAll(i => ItemSize.Of(RowsCostModel.RowEntry(design.FeedbackItem(i))));
        var sized = page.ConvertAll(i => workload.Sized(i));
        return (data.Projects[projectIndex].Key, rows ? RowsCostModel.RowsPage(entries, sized) : RowsCostModel.FullItemsPage(entries, sized));
    }

    private void Delete(ProjectKey project, FeedbackId id) =>
        workload.OnRestore(() => data.Client.DeleteItemAsync(new DeleteItemRequest { TableName = design.RowsTable, Key = design.FeedbackKey(project, id) }));
}
