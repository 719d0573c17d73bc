using System.Globalization;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// How the projector's writes are priced: it applies each batch of change records with one UpdateItem per project in
/// the batch (the project's claim, which holds its counts and stream positions), so a record's share is the batch's
/// updates over its records. The Lambda engine writes no checkpoint (the event source mapping keeps the position); the
/// scheduled canary and the heartbeat it forces are a fixed two writes a minute per table, not per feedback.
/// </summary>
/// <param name="RecordsPerBatch">Change records Lambda delivers in one invocation.</param>
/// <param name="ProjectsPerBatch">Distinct projects those records belong to.</param>
/// <param name="UnitsPerUpdate">Write units of one counts update: 1 while the claim with its counts weighs under 1 KB.</param>
public sealed record ProjectorBatching(int RecordsPerBatch, int ProjectsPerBatch, double UnitsPerUpdate = 1)
{
    /// <summary>The assumption the life tables use: Lambda's default batch of 100 records, spread over 5 projects.</summary>
    public static ProjectorBatching Assumed { get; } = new(100, 5);

    /// <summary>Other batchings, from no folding at all to a long batching window.</summary>
    public static IReadOnlyList<ProjectorBatching> Sensitivity { get; } =
    [
        new(1, 1),
        new(10, 5),
        new(100, 50),
        Assumed,
        new(1_000, 5),
    ];

    /// <summary>Write units per change record.</summary>
    public double WritesPerRecord => Math.Min(ProjectsPerBatch, RecordsPerBatch) * UnitsPerUpdate / RecordsPerBatch;

    public string Describe() => RecordsPerBatch == 1
        ? "no folding: one counts update per record"
        : string.Create(CultureInfo.InvariantCulture, $"batches of {RecordsPerBatch:N0} records over {ProjectsPerBatch} projects, {UnitsPerUpdate:0.#} WCU per project per batch, no checkpoint writes (Lambda)");
}
