using Microsoft.Extensions.Logging;

namespace Tapko.Data;

/// <summary>The DynamoDB implementation of <see cref="IProjectStore"/>. Thread-safe; register it as a singleton.</summary>
public sealed class ProjectStore : IProjectStore
{
    private readonly TapkoContext context;
    private readonly ProjectDeletion deletion;
    private readonly ProjectRetention retention;

    /// <summary>How many times a sharded toggle is resent when other changes to the project land first.</summary>
    private const int ShardedToggleAttempts = 10;

    /// <summary>Creates the store. Prefer <c>services.AddTapkoStore(...)</c> in a host.</summary>
    /// <param name="client">The DynamoDB client; not disposed by the store.</param>
    /// <param name="options">The options; copied and validated now.</param>
    /// <param name="timeProvider">The clock for <c>createdAt</c> and <c>updatedAt</c>; the system clock by default.</param>
    /// <param name="loggerFactory">Where retries, throttling and conflicts are logged; nowhere by default.</param>
    /// <exception cref="ArgumentException">The options break a rule; the message lists them all.</exception>
    public ProjectStore(IAmazonDynamoDB client, TapkoStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(new TapkoContext(client, options, timeProvider, loggerFactory))
    {
    }

    internal ProjectStore(TapkoContext context)
    {
        this.context = context;
        deletion = new ProjectDeletion(context);
        retention = new ProjectRetention(context);
    }

    /// <inheritdoc />
    // RS0027 wants the overload with optional parameters to have the most parameters. This one is the original (kept
    // source-compatible); the ProjectOptions overload has none optional and takes the same number, so no call changes binding.
#pragma warning disable RS0027
    public Task<Project> CreateAsync(ProjectKey project, string name, bool isCollectingFeedback = true, CancellationToken cancellationToken = default) =>
        CreateAsync(project, name, new ProjectOptions { IsCollectingFeedback = isCollectingFeedback }, cancellationToken);
#pragma warning restore RS0027

    /// <inheritdoc />
    public Task<Project> CreateAsync(ProjectKey project, string name, ProjectOptions options, CancellationToken cancellationToken) =>
        context.RunAsync(OperationNames.ProjectCreate, async scope =>
        {
            project.Require(nameof(project));
            TextRules.RequireProjectName(name, nameof(name));
            ArgumentNullException.ThrowIfNull(options);
            var shards = ShardLayout.Of(options.FeedbackShards, nameof(options));
            var keep = retention.Require(options.Retention, nameof(options));
            var isCollectingFeedback = options.IsCollectingFeedback;
            var now = context.Now();
            var created = new Project(project, name, isCollectingFeedback, now, now, 1) { FeedbackShards = shards.Count, Retention = keep };
            var incarnation = ProjectClaim.NewIncarnation();
            var writeId = WriteId.New();
            var item = ProjectItem.ToItem(created, incarnation);
            item[AttributeNames.WriteId] = new() { S = writeId };
            var heads = shards.AllHeads.Select(h => HeadItem.ToItem(project, incarnation, isCollectingFeedback, h));
            var request = ProjectRequests.Create(context.Table, item, ProjectClaim.ToItem(project, incarnation, now, shards, keep), writeId, heads);

            await deletion.RemoveLeftoversAsync(scope, project, cancellationToken).ConfigureAwait(false);
            var outcome = await context.Requests.TransactWriteItemsAsync(scope, request, cancellationToken).ConfigureAwait(false);
            if (outcome.AnyFailedCondition)
            {
                throw DuplicateItemException.ProjectIdTaken(project.ProjectId);
            }

            if (!outcome.Applied)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(outcome.Cancelled!);
            }

            context.Owners.Remember(project.ProjectId, new ProjectClaim(project.Owner, incarnation, shards) { Retention = keep });
            return created;
        });

    /// <inheritdoc />
    public Task<Project?> GetAsync(ProjectKey project, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectGet, async scope =>
        {
            project.Require(nameof(project));
            var response = await context.Requests.GetItemAsync(scope, ProjectRequests.Get(context.Table, project, context.Options.ConsistentReads),
                cancellationToken).ConfigureAwait(false);

            // The owner is part of the key, so a found item is always the caller's.
            return response.Item is { Count: > 0 } item ? ProjectItem.FromItem(item) : null;
        });

    /// <inheritdoc />
    public Task<Page<Project>> ListAsync(UserId owner, ProjectQuery? query = null, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectList, scope =>
        {
            owner.Require(nameof(owner));
            query ??= new ProjectQuery();
            PageLimits.Require(query.PageSize, nameof(query));
            var binding = QueryBinding.Projects(owner);
            var startAfter = context.Pager.ResumeAfter<ProjectId>(query.ContinuationToken, binding, ProjectId.TryParse);
            var request = ProjectRequests.List(context.Table, owner, query.PageSize, startAfter, context.Options.ConsistentReads);
            return context.Pager.ReadAsync(scope, request, binding, TapkoKeys.ProjectSortKeyPrefix, ProjectItem.FromItem, inspect: null, cancellationToken);
        });

    /// <inheritdoc />
    public IAsyncEnumerable<Project> ListAllAsync(UserId owner, CancellationToken cancellationToken = default) =>
        Pages.AllAsync(null, (token, ct) => ListAsync(owner, new ProjectQuery { PageSize = PageLimits.MaxPageSize, ContinuationToken = token }, ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<Project> SetCollectingFeedbackAsync(ProjectKey project, bool isCollectingFeedback, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectSetCollecting, async scope =>
        {
            project.Require(nameof(project));
            var writeId = WriteId.New();
            context.ProjectStates.Forget(project);
            var request = ProjectRequests.SetCollecting(context.Table, project, isCollectingFeedback, context.Now(), writeId);
            var outcome = await context.Requests.UpdateItemAsync(scope, request, cancellationToken).ConfigureAwait(false);

            // Dropped again once written: a submission that read the project in between must not keep the old state.
            context.ProjectStates.Forget(project);
            if (!outcome.Applied && outcome.Blocking is { } current && ProjectItem.Layout(current).HasHeads && !ProjectItem.IsBeingDeleted(current))
            {
                return await SetShardedCollectingAsync(scope, project, current, isCollectingFeedback, cancellationToken).ConfigureAwait(false);
            }

            return ProjectItem.FromItem(Updated(project, outcome, writeId, expectedVersion: null));
        });

    /// <inheritdoc />
    public Task<Project> SetRetentionAsync(ProjectKey project, FeedbackRetention retention, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectSetRetention, scope =>
        {
            project.Require(nameof(project));
            return this.retention.SetAsync(scope, project, this.retention.Require(retention, nameof(retention)), cancellationToken);
        });

    /// <inheritdoc />
    public Task<Project> RenameAsync(ProjectKey project, string name, long expectedVersion, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectRename, async scope =>
        {
            project.Require(nameof(project));
            TextRules.RequireProjectName(name, nameof(name));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedVersion);
            var writeId = WriteId.New();
            var request = ProjectRequests.Rename(context.Table, project, name, expectedVersion, context.Now(), writeId);
            return ProjectItem.FromItem(await UpdateAsync(scope, project, request, writeId, expectedVersion, cancellationToken).ConfigureAwait(false));
        });

    /// <inheritdoc />
    public Task<int?> DeleteAsync(ProjectKey project, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.ProjectDelete, scope =>
        {
            project.Require(nameof(project));
            context.ProjectStates.Forget(project);
            return deletion.DeleteAsync(scope, project, cancellationToken);
        });

    /// <summary>
    /// A sharded project's flag changes on its item and its heads in one transaction. The item read by the refused
    /// update gives the version the transaction expects; when another change lands first, the item is read again and
    /// the transaction resent (the last change wins, as for an unsharded project).
    /// </summary>
    private async Task<Project> SetShardedCollectingAsync(OperationScope scope, ProjectKey project, Dictionary<string, AttributeValue> current,
        bool collecting, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = ProjectItem.FromItem(current);
            var now = context.Now();
            var request = HeadRequests.SetCollecting(context.Table, project, ProjectItem.Incarnation(current), collecting, state.Version, now,
                WriteId.New(), ProjectItem.Layout(current).AllHeads);
            var outcome = await context.Requests.TransactWriteItemsAsync(scope, request, cancellationToken).ConfigureAwait(false);
            if (outcome.Applied)
            {
                return state with { IsCollectingFeedback = collecting, UpdatedAt = now, Version = state.Version + 1 };
            }

            if (!outcome.FailedCondition(0) || attempt == ShardedToggleAttempts)
            {
                // A head of another life, or DynamoDB's own reason, or changes racing this one throughout: nothing was written.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(outcome.Cancelled!);
            }

            if (outcome.Blocking(0) is not { } changed || ProjectItem.IsBeingDeleted(changed))
            {
                throw TapkoNotFoundException.Project(project, outcome.Cancelled);
            }

            current = changed;
        }
    }

    /// <summary>The project item as the update left it.</summary>
    private async Task<Dictionary<string, AttributeValue>> UpdateAsync(OperationScope scope, ProjectKey project, UpdateItemRequest request,
        string writeId, long? expectedVersion, CancellationToken cancellationToken) =>
        Updated(project, await context.Requests.UpdateItemAsync(scope, request, cancellationToken).ConfigureAwait(false), writeId, expectedVersion);

    private static Dictionary<string, AttributeValue> Updated(ProjectKey project, WriteOutcome<UpdateItemResponse> outcome, string writeId,
        long? expectedVersion)
    {
        if (outcome.Applied)
        {
            return outcome.Response!.Attributes;
        }

        if (outcome.Blocking is not { } current || ProjectItem.IsBeingDeleted(current))
        {
            throw TapkoNotFoundException.Project(project, outcome.Failure);
        }

        // The SDK retried a request whose first attempt was applied but whose answer was lost; the condition kept it
        // from applying twice. The change is this call's own.
        return WriteId.WroteLast(current, writeId)
            ? current
            : throw ConcurrencyConflictException.Version(project, current, expectedVersion, outcome.Failure!);
    }
}
