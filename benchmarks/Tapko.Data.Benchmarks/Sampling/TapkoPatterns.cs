using Tapko.Data.Benchmarks.Data;

namespace Tapko.Data.Benchmarks.Sampling;

/// <summary>
/// The patterns only the single table offers, sampled like the shared ones: the widget's submit with the project's
/// owner cached and not, the counts read, bulk moves, and the writes whose cost the status counters change, each next
/// to its form without counters (<c>StatusCounts = None</c>, submits read-then-write).
/// </summary>
public static class TapkoPatterns
{
    public const string WidgetSubmit = "WidgetSubmit";
    public const string WidgetSubmitOwnerNotCached = "WidgetSubmitOwnerNotCached";
    public const string SubmitUncounted = "SubmitUncounted";
    public const string SubmitReadThenWrite = "SubmitReadThenWrite";
    public const string StatusCounts = "StatusCounts";
    public const string UpdateStatusUncounted = "UpdateStatusUncounted";
    public const string DeleteFeedback = "DeleteFeedback";
    public const string DeleteFeedbackUncounted = "DeleteFeedbackUncounted";
    public const string BulkMove = "BulkMove";
    public const string BulkMoveUncounted = "BulkMoveUncounted";
    public const string SubmitStreamed = "SubmitStreamed";
    public const string SubmitCachedCheck = "SubmitCachedCheck";
    public const string UpdateStatusStreamed = "UpdateStatusStreamed";
    public const string StatusRowsPage = "StatusRowsPage";
    public const string StatusPageOnRows = "StatusPageOnRows";
    public const string DeleteFeedbackStreamed = "DeleteFeedbackStreamed";
    public const string BulkMoveStreamed = "BulkMoveStreamed";

    /// <summary>Method names with the titles the reports use, in report order.</summary>
    public static readonly (string Method, string Title)[] Titles =
    [
        (WidgetSubmit, "widget submit, owner cached"),
        (WidgetSubmitOwnerNotCached, "widget submit, owner not cached"),
        (SubmitUncounted, "submit, no counters"),
        (SubmitReadThenWrite, "submit, read-then-write (single table: no counters)"),
        (StatusCounts, "status counts"),
        (UpdateStatusUncounted, "update status, no counters"),
        (DeleteFeedback, "delete feedback"),
        (DeleteFeedbackUncounted, "delete feedback, no counters"),
        (BulkMove, $"bulk move ({CountedWorkload.BulkItems} items)"),
        (BulkMoveUncounted, $"bulk move ({CountedWorkload.BulkItems} items), no counters"),
        (SubmitStreamed, "submit, defaults (streamed counts, rows index, transactional)"),
        (SubmitCachedCheck, "submit, recommended (streamed counts, rows index, cached check)"),
        (UpdateStatusStreamed, "update status, defaults (streamed counts, rows index)"),
        (StatusRowsPage, "status page of rows (50 open), rows index"),
        (StatusPageOnRows, "status page of whole items (50 open), rows index"),
        (DeleteFeedbackStreamed, "delete feedback, defaults (streamed counts, rows index)"),
        (BulkMoveStreamed, $"bulk move ({CountedWorkload.BulkItems} items), defaults (streamed counts, rows index)"),
    ];

    /// <summary>Today's defaults and the recommended profile, on the copy of the data whose status index projects rows.</summary>
    public static IEnumerable<(string Pattern, bool ReadsTable, Func<int, Task<PreparedCall>> Next)> OnRows(RowsWorkload workload, Func<int, int> statusProject, Func<int, int> projectItems)
    {
        var design = workload.Design;
        foreach (var cached in new[] { false, true })
        {
            yield return (cached ? SubmitCachedCheck : SubmitStreamed, false, async _ =>
            {
                var (f, e) = workload.NextSubmit(cached);
                if (cached)
                {
                    await workload.PrimeCachedCheckAsync(f.Project).ConfigureAwait(false);
                }

                return new PreparedCall(e, -1, 0, () => design.SubmitOnRowsAsync(f, cached));
            });
        }

        yield return (UpdateStatusStreamed, false, _ =>
        {
            var (f, e) = workload.NextMove();
            return CapacitySampler.Ready(e, -1, 0, () => design.UpdateStatusOnRowsAsync(f.Project, f.Id, FeedbackStatus.InProgress));
        });
        foreach (var rows in new[] { true, false })
        {
            yield return (rows ? StatusRowsPage : StatusPageOnRows, false, i =>
            {
                var index = statusProject(i);
                var (p, e) = workload.NextStatusPage(index, rows);
                return CapacitySampler.Ready(e, index, projectItems(index), rows
                    ? () => design.ListRowsByStatusAsync(p, Workload.FilteredStatus, Workload.PageSize)
                    : () => design.ListByStatusOnRowsAsync(p, Workload.FilteredStatus, Workload.PageSize));
            });
        }

        yield return (DeleteFeedbackStreamed, false, _ =>
        {
            var (f, e) = workload.NextDelete();
            return CapacitySampler.Ready(e, -1, 0, () => design.DeleteOnRowsAsync(f.Project, f.Id));
        });
        yield return (BulkMoveStreamed, false, _ =>
        {
            var (p, ids, e) = workload.NextBulkMove();
            return CapacitySampler.Ready(e, -1, 0, () => design.MoveManyOnRowsAsync(p, ids, FeedbackStatus.InProgress));
        });
    }

    public static IEnumerable<(string Pattern, bool ReadsTable, Func<int, Task<PreparedCall>> Next)> For(CountedWorkload workload)
    {
        var design = workload.Design;
        yield return (WidgetSubmit, false, _ =>
        {
            var (f, e) = workload.NextWidgetSubmit(ownerCached: true);
            return CapacitySampler.Ready(e, -1, 0, () => design.SubmitFromWidgetAsync(f, ownerCached: true));
        });
        yield return (WidgetSubmitOwnerNotCached, false, _ =>
        {
            var (f, e) = workload.NextWidgetSubmit(ownerCached: false);
            return CapacitySampler.Ready(e, -1, 0, () => design.SubmitFromWidgetAsync(f, ownerCached: false));
        });
        foreach (var readThenWrite in new[] { false, true })
        {
            yield return (readThenWrite ? SubmitReadThenWrite : SubmitUncounted, false, _ =>
            {
                var (f, e) = workload.NextUncountedSubmit(readThenWrite);
                return CapacitySampler.Ready(e, -1, 0, () => design.SubmitUncountedAsync(f, readThenWrite));
            });
        }

        yield return (StatusCounts, false, _ =>
        {
            var (p, e) = workload.NextCounts();
            return CapacitySampler.Ready(e, -1, 0, () => design.CountsAsync(p));
        });
        yield return (UpdateStatusUncounted, false, _ =>
        {
            var (f, e) = workload.NextUncountedMove();
            return CapacitySampler.Ready(e, -1, 0, () => design.UpdateStatusAsync(f.Project, f.Id, FeedbackStatus.InProgress, counted: false));
        });
        foreach (var counted in new[] { true, false })
        {
            yield return (counted ? DeleteFeedback : DeleteFeedbackUncounted, false, _ =>
            {
                var (f, e) = workload.NextDelete(counted);
                return CapacitySampler.Ready(e, -1, 0, () => design.DeleteFeedbackAsync(f.Project, f.Id, counted));
            });
        }

        foreach (var counted in new[] { true, false })
        {
            yield return (counted ? BulkMove : BulkMoveUncounted, false, _ =>
            {
                var (p, ids, e) = workload.NextBulkMove(counted) ?? throw new InvalidOperationException($"No project holds {CountedWorkload.BulkItems} open items.");
                return CapacitySampler.Ready(e, -1, 0, () => design.MoveManyAsync(p, ids, FeedbackStatus.InProgress, counted));
            });
        }
    }
}
