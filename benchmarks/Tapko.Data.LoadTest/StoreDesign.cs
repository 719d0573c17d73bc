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
    /// <summary>Today's default: one transaction (the project's open check, which also counts it, + put if absent) per submit.</summary>
    public static StoreDesign Transactional { get; } = new(
        "transactional",
        "SubmitMode.Transactional (the default): Update(project: open check + counter) + Put, one TransactWriteItems",
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
    /// A project created with <paramref name="shards"/> feedback shards; the default options otherwise, or with
    /// <paramref name="conflictAttempts"/> attempts per transaction conflict (the option's default is 5).
    /// </summary>
    public static StoreDesign Sharded(int shards, int? conflictAttempts = null) => new(
        conflictAttempts is { } n ? $"sharded-{shards}-a{n}" : $"sharded-{shards}",
        $"ProjectOptions.FeedbackShards = {shards}: Update(head of the id: open check + counter) + Put in the id's shard, one TransactWriteItems" +
        (conflictAttempts is { } a ? $"; TransactionConflictMaxAttempts = {a}" : string.Empty),
        o =>
        {
            o.SubmitMode = SubmitMode.Transactional;
            o.TransactionConflictMaxAttempts = conflictAttempts ?? o.TransactionConflictMaxAttempts;
        },
        Project: new ProjectOptions { FeedbackShards = shards });

    /// <summary>Every design the runner knows, by name.</summary>
    public static IReadOnlyList<StoreDesign> All { get; } = [Transactional, ReadThenWrite, Sharded(4), Sharded(16), Sharded(24), Sharded(32), Sharded(16, 10), Sharded(32, 10)];

    /// <summary>The design called <paramref name="name"/>.</summary>
    public static StoreDesign Named(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"No store design '{name}'; known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
