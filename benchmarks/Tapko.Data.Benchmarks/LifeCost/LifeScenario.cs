namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// One feedback's life: it is submitted once, its status moves <paramref name="Moves"/> times, and it appears on
/// <paramref name="PageReads"/> dashboard pages of 50, of which <paramref name="StatusShare"/> are status-filtered
/// (the triage inbox) and the rest the newest-first list; each page view also fetches the project's per-status counts
/// <paramref name="CountsPerPage"/> times.
/// </summary>
public sealed record LifeScenario(string Name, int Moves, int PageReads, double StatusShare = 0.5, double CountsPerPage = 1)
{
    /// <summary>
    /// A quiet project triaged once (open → resolved, seen on a few pages), a typical one (open → in progress →
    /// resolved, seen on twenty), a busy team's (reopened once, seen on a hundred pages), and a read-heavy one (a
    /// wall display or many triagers: five hundred pages), to show where the reads start to outweigh the moves.
    /// </summary>
    public static IReadOnlyList<LifeScenario> Defaults { get; } =
    [
        new("quiet", Moves: 1, PageReads: 5),
        new("typical", Moves: 2, PageReads: 20),
        new("busy", Moves: 4, PageReads: 100),
        new("read-heavy", Moves: 2, PageReads: 500),
    ];
}
