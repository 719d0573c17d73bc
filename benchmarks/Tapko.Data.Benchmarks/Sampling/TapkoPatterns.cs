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

    /// <summary>Method names with the titles the reports use, in report order.</summary>
    public static readonly (string Method, string Title)[] Titles =
    [
        (WidgetSubmit, "widget submit, owner cached"),
        (WidgetSubmitOwnerNotCached, "widget submit, owner not cached"),
        (SubmitUncounted, "submit, no counters"),
        (SubmitReadThenWrite, "submit, no counters, read-then-write"),
        (StatusCounts, "status counts"),
        (UpdateStatusUncounted, "update status, no counters"),
        (DeleteFeedback, "delete feedback"),
        (DeleteFeedbackUncounted, "delete feedback, no counters"),
        (BulkMove, $"bulk move ({CountedWorkload.BulkItems} items)"),
        (BulkMoveUncounted, $"bulk move ({CountedWorkload.BulkItems} items), no counters"),
    ];

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
