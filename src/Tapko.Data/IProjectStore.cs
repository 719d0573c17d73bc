namespace Tapko.Data;

/// <summary>Projects of an owner. Every call checks the owner inside its request. Thread-safe.</summary>
public interface IProjectStore
{
    /// <summary>
    /// Creates a project and claims its id for the owner, in one transaction: project ids are unique across owners,
    /// because feedback is partitioned by project id alone.
    /// </summary>
    /// <param name="project">Owner and the new project's id (mint one with <see cref="ProjectId.New"/>).</param>
    /// <param name="name">Display name, 1 to <see cref="ProjectRules.MaxNameLength"/> characters.</param>
    /// <param name="isCollectingFeedback">Whether the widget may submit right away. Default <see langword="true"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DuplicateItemException">
    /// The id is taken, by this owner or another (the message does not say which, nor who). An id is free again only
    /// once its project and all its feedback are deleted.
    /// </exception>
    /// <remarks>
    /// Costs one eventually consistent Query of the id's partition (which finds a taken id without a write, and removes
    /// feedback an earlier life of the id left behind; see docs/table.md) and a two-item transaction.
    /// </remarks>
    // RS0027 wants the overload with optional parameters to have the most parameters. This one is the original (kept
    // source-compatible); the ProjectOptions overload has none optional and takes the same number, so no call changes binding.
#pragma warning disable RS0027
    Task<Project> CreateAsync(ProjectKey project, string name, bool isCollectingFeedback = true, CancellationToken cancellationToken = default);
#pragma warning restore RS0027

    /// <summary>
    /// Creates a project as <paramref name="options"/> say, for example one that spreads its feedback over several
    /// partition keys (<see cref="ProjectOptions.FeedbackShards"/>). Callers see no difference: ids, pages, tokens,
    /// counts, closing and deleting behave as for any project; a page of a sharded project costs a little more (one
    /// Query per shard). See docs/scale.md.
    /// </summary>
    /// <param name="project">Owner and the new project's id (mint one with <see cref="ProjectId.New"/>).</param>
    /// <param name="name">Display name, 1 to <see cref="ProjectRules.MaxNameLength"/> characters.</param>
    /// <param name="options">Whether it collects feedback at once, and its feedback shards.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ProjectOptions.FeedbackShards"/> is out of range.</exception>
    /// <exception cref="DuplicateItemException">The id is taken, by this owner or another.</exception>
    /// <remarks>
    /// A sharded project is created in one transaction with its claim and its head items (8 per shard, at most 96),
    /// which carry the open check and the status counters its submissions update.
    /// </remarks>
    Task<Project> CreateAsync(ProjectKey project, string name, ProjectOptions options, CancellationToken cancellationToken);

    /// <summary>Gets a project (GetItem), or <see langword="null"/> when the owner has no such project.</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Project?> GetAsync(ProjectKey project, CancellationToken cancellationToken = default);

    /// <summary>One page of an owner's projects, ordered by project id (a Query).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="query">Page size and continuation token; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidContinuationTokenException">The token is malformed, modified or from another query.</exception>
    Task<Page<Project>> ListAsync(UserId owner, ProjectQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>All of an owner's projects, fetched page by page as the sequence is enumerated.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<Project> ListAllAsync(UserId owner, CancellationToken cancellationToken = default);

    /// <summary>Opens or closes a project to submissions with one UpdateItem, and returns the project as updated (no read).</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="isCollectingFeedback">The new state.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="TapkoNotFoundException">The project does not exist, belongs to another owner, or is being deleted.</exception>
    Task<Project> SetCollectingFeedbackAsync(ProjectKey project, bool isCollectingFeedback, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes how long the project keeps its feedback. The policy applies to feedback submitted or resolved from now
    /// on: each submission and each move writes its item's expiry in the same request, so a change costs no rewrite of
    /// existing feedback (feedback already resolved keeps the expiry it was given, or none). One transaction on the
    /// project item and the claim on its id (2 items, 4 WCU) and one strongly consistent read of the project (1 RCU).
    /// Other processes pick the new policy up when their cached claim expires
    /// (<see cref="TapkoStoreOptions.ProjectOwnerCacheLifetime"/>).
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="retention">The policy; <see cref="FeedbackRetention.KeepForever"/> stops expiring new feedback.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The project as changed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is outside the documented ranges.</exception>
    /// <exception cref="InvalidOperationException">
    /// The store keeps counts with <see cref="StatusCountsMode.Maintained"/>, which cannot follow DynamoDB's removals;
    /// expiry needs <see cref="StatusCountsMode.Streamed"/> or <see cref="StatusCountsMode.None"/>.
    /// </exception>
    /// <exception cref="TapkoNotFoundException">The project does not exist, belongs to another owner, or is being deleted.</exception>
    Task<Project> SetRetentionAsync(ProjectKey project, FeedbackRetention retention, CancellationToken cancellationToken = default);

    /// <summary>Renames a project if it is still at <paramref name="expectedVersion"/> (optimistic concurrency).</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="name">The new name.</param>
    /// <param name="expectedVersion">The <see cref="Project.Version"/> the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="TapkoNotFoundException">The project does not exist, belongs to another owner, or is being deleted.</exception>
    /// <exception cref="ConcurrencyConflictException">The project changed since <paramref name="expectedVersion"/>.</exception>
    Task<Project> RenameAsync(ProjectKey project, string name, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a project and all its feedback. The project is first closed and marked as being deleted, then its
    /// feedback is removed in batches (unprocessed items retried with backoff), then the project item and the claim on
    /// its id, together, so the id cannot be taken again while any of its feedback remains. If the call fails part-way,
    /// calling it again finishes the job.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="cancellationToken">Cancels the deletion between batches.</param>
    /// <returns>The number of feedback items deleted, or <see langword="null"/> when the owner has no such project.</returns>
    Task<int?> DeleteAsync(ProjectKey project, CancellationToken cancellationToken = default);
}
