namespace Tapko.Data.LoadTest;

/// <summary>
/// A store configuration the load runs through the model: how the stores are configured, and what a project needs
/// before the burst (e.g. a future per-project sharding opt-in). Add one to <see cref="All"/> to put it on the curve.
/// </summary>
/// <param name="Name">The name on the command line (<c>--designs</c>) and in the report.</param>
/// <param name="Description">One line for the report.</param>
/// <param name="Configure">Changes to the stores' options.</param>
/// <param name="PrepareProject">Run once on the new project with a store outside the model, before the burst.</param>
/// <param name="Project">How the project is created (its feedback shards); the defaults when <see langword="null"/>.</param>
public sealed record StoreDesign(
    string Name,
    string Description,
    Action<TapkoStoreOptions> Configure,
    Func<ProjectStore, ProjectKey, CancellationToken, Task>? PrepareProject = null,
    ProjectOptions? Project = null)
{
    /// <summary>The default submit mode: one transaction (the project's open check + put if absent) per submit.</summary>
    public static StoreDesign Transactional { get; } = new(
        "transactional",
        "SubmitMode.Transactional (the default): ConditionCheck(project: open) + Put, one TransactWriteItems",
        o => o.SubmitMode = SubmitMode.Transactional);

    /// <summary>The cheaper mode without a transaction.</summary>
    public static StoreDesign ReadThenWrite { get; } = new(
        "read-then-write",
        "SubmitMode.ReadThenWrite without status counters: a consistent GetItem of the project, then a conditional PutItem",
        o =>
        {
            // With counters kept (the default) a submission is always the transaction, so this mode only differs without them.
            o.SubmitMode = SubmitMode.ReadThenWrite;
            o.StatusCounts = StatusCountsMode.None;
        });

    /// <summary>
    /// A project created with <paramref name="shards"/> feedback shards; the default options otherwise (streamed counts,
    /// transactional submits), or with <paramref name="conflictAttempts"/> attempts per transaction conflict (the
    /// option's default is 5).
    /// </summary>
    public static StoreDesign Sharded(int shards, int? conflictAttempts = null) => new(
        conflictAttempts is { } n ? $"sharded-{shards}-a{n}" : $"sharded-{shards}",
        $"ProjectOptions.FeedbackShards = {shards}, the defaults (StatusCounts = Streamed): ConditionCheck(head of the id: open) + Put in the id's shard, one TransactWriteItems" +
        (conflictAttempts is { } a ? $"; TransactionConflictMaxAttempts = {a}" : string.Empty),
        o =>
        {
            o.SubmitMode = SubmitMode.Transactional;
            o.TransactionConflictMaxAttempts = conflictAttempts ?? o.TransactionConflictMaxAttempts;
        },
        Project: new ProjectOptions { FeedbackShards = shards });

    /// <summary>
    /// A sharded project whose counters are kept in the submit's transaction (<c>StatusCounts = Maintained</c>): every
    /// submit updates its head's counter, so concurrent submits to one head conflict on it.
    /// </summary>
    public static StoreDesign ShardedMaintained(int shards) => new(
        $"sharded-{shards}-maintained",
        $"ProjectOptions.FeedbackShards = {shards}, StatusCounts = Maintained: Update(head of the id: open check + counter) + Put in the id's shard, one TransactWriteItems",
        o =>
        {
            o.SubmitMode = SubmitMode.Transactional;
            o.StatusCounts = StatusCountsMode.Maintained;
        },
        Project: new ProjectOptions { FeedbackShards = shards });

    /// <summary>
    /// A sharded project submitting with the project's state cached (<c>SubmitMode = CachedCheck</c>, streamed counts):
    /// one conditional PutItem in the id's shard, no transaction and so no head to conflict on.
    /// </summary>
    public static StoreDesign ShardedCached(int shards) => new(
        $"sharded-{shards}-cached",
        $"ProjectOptions.FeedbackShards = {shards}, SubmitMode = CachedCheck (streamed counts): one conditional PutItem in the id's shard",
        o => o.SubmitMode = SubmitMode.CachedCheck,
        Project: new ProjectOptions { FeedbackShards = shards });

    /// <summary>Every design the runner knows, by name.</summary>
    public static IReadOnlyList<StoreDesign> All { get; } =
        [Transactional, ReadThenWrite, Sharded(4), Sharded(16), Sharded(24), Sharded(32), Sharded(16, 10), Sharded(32, 10), ShardedMaintained(16), ShardedCached(16)];

    /// <summary>The design called <paramref name="name"/>.</summary>
    public static StoreDesign Named(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"No store design '{name}'; known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
