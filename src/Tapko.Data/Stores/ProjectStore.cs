using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Tapko.Data.Internal;

namespace Tapko.Data;

/// <summary>The DynamoDB implementation of <see cref="IProjectStore"/>. Thread-safe; register it as a singleton.</summary>
public sealed class ProjectStore : IProjectStore
{
    private const int BatchWriteLimit = 25;
    private readonly TapkoContext context;

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

    internal ProjectStore(TapkoContext context) => this.context = context;

    /// <inheritdoc />
    public Task<Project> CreateAsync(ProjectKey project, string name, bool isCollectingFeedback = true, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        TextRules.RequireProjectName(name, nameof(name));
        var now = context.Now();
        var created = new Project(project, name, isCollectingFeedback, now, now, 1);
        var incarnation = ProjectClaim.NewIncarnation();
        var writeId = WriteId.New();
        var item = ProjectItem.ToItem(created, incarnation);
        item[TapkoKeys.Attributes.WriteId] = new AttributeValue { S = writeId };
        var request = ProjectRequests.Create(context.Table, item, ProjectClaim.ToItem(project, incarnation, now), writeId);
        return context.RunAsync("project.create", async scope =>
        {
            await RemoveLeftoversAsync(scope, project, cancellationToken).ConfigureAwait(false);
            try
            {
                await context.TransactAsync(scope, request, cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r?.Code == "ConditionalCheckFailed") == true)
            {
                throw Taken(project, e);
            }

            context.Owners.Remember(project.ProjectId, new ProjectClaim(project.Owner, incarnation));
            return created;
        });
    }

    /// <inheritdoc />
    public Task<Project?> GetAsync(ProjectKey project, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        var request = ProjectRequests.Get(context.Table, project, context.Options.ConsistentReads);
        return context.RunAsync("project.get", async scope =>
        {
            var response = await context.Client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
            scope.Record("GetItem", isWrite: false, [response.ConsumedCapacity]);
            // The owner is part of the key, so a found item is always the caller's.
            return response.Item is { Count: > 0 } item ? ProjectItem.FromItem(item) : null;
        });
    }

    /// <inheritdoc />
    public Task<Page<Project>> ListAsync(UserId owner, ProjectQuery? query = null, CancellationToken cancellationToken = default)
    {
        owner.Require(nameof(owner));
        query ??= new ProjectQuery();
        PageLimits.Require(query.PageSize, nameof(query));
        var binding = QueryBinding.Projects(owner);
        ProjectId? startAfter = null;
        if (query.ContinuationToken is { } token)
        {
            startAfter = ProjectId.TryParse(context.Cursors.Decode(token, binding), out var last)
                ? last
                : throw new InvalidContinuationTokenException("its position is not a project id");
        }

        var request = ProjectRequests.List(context.Table, owner, query.PageSize, startAfter, context.Options.ConsistentReads);
        return context.RunAsync("project.list", async scope =>
        {
            var response = await context.Client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            scope.RecordQuery(request, response);
            var items = (response.Items ?? []).Select(ProjectItem.FromItem).ToList();
            string? next = null;
            if (response.LastEvaluatedKey is { Count: > 0 } lastKey
                && TapkoKeys.IdFromSortKey(lastKey.GetValueOrDefault(TapkoKeys.SortKey)?.S, TapkoKeys.ProjectSortKeyPrefix) is { } lastId)
            {
                next = context.Cursors.Encode(binding, lastId);
            }

            return new Page<Project>(items, next);
        });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Project> ListAllAsync(UserId owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        owner.Require(nameof(owner));
        var query = new ProjectQuery { PageSize = PageLimits.MaxPageSize };
        do
        {
            var page = await ListAsync(owner, query, cancellationToken).ConfigureAwait(false);
            foreach (var project in page.Items)
            {
                yield return project;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    /// <inheritdoc />
    public Task<Project> SetCollectingFeedbackAsync(ProjectKey project, bool isCollectingFeedback, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        var writeId = WriteId.New();
        var request = ProjectRequests.SetCollecting(context.Table, project, isCollectingFeedback, context.Now(), writeId);
        return context.RunAsync("project.set_collecting", scope => UpdateAsync(scope, project, request, writeId, null, cancellationToken));
    }

    /// <inheritdoc />
    public Task<Project> RenameAsync(ProjectKey project, string name, long expectedVersion, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        TextRules.RequireProjectName(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedVersion);
        var writeId = WriteId.New();
        var request = ProjectRequests.Rename(context.Table, project, name, expectedVersion, context.Now(), writeId);
        return context.RunAsync("project.rename", scope => UpdateAsync(scope, project, request, writeId, expectedVersion, cancellationToken));
    }

    /// <inheritdoc />
    public Task<int?> DeleteAsync(ProjectKey project, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        return context.RunAsync("project.delete", async scope =>
        {
            string incarnation;
            try
            {
                var mark = await context.Client.UpdateItemAsync(ProjectRequests.MarkDeleting(context.Table, project, context.Now()), cancellationToken).ConfigureAwait(false);
                scope.Record("UpdateItem", isWrite: true, [mark.ConsumedCapacity]);
                incarnation = ProjectItem.Incarnation(mark.Attributes);
            }
            catch (ConditionalCheckFailedException)
            {
                scope.Record("UpdateItem", isWrite: true, null);
                return (int?)null;
            }

            // Closed and marked, so no transactional submission can land any more; everything in the partition goes.
            var deleted = await DeleteAllAsync(scope, startKey => ProjectRequests.FeedbackKeys(context.Table, project, startKey), cancellationToken).ConfigureAwait(false);

            // The claim goes last, with the project item: the id cannot be taken again while any of its feedback remains.
            try
            {
                await context.TransactAsync(scope, ProjectRequests.DeleteProjectAndClaim(context.Table, project, incarnation), cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons?.ElementAtOrDefault(0)?.Code == "ConditionalCheckFailed")
            {
                // A concurrent call of DeleteAsync finished first; the project is gone either way.
            }

            context.Owners.Forget(project.ProjectId);
            scope.Activity?.SetTag("tapko.feedback_deleted", deleted);
            return (int?)deleted;
        });
    }

    /// <summary>
    /// Before an id is claimed: if it is taken, says so at the cost of one read; if feedback without a claim is there
    /// (left behind by an earlier life of the id in <see cref="SubmitMode.ReadThenWrite"/> mode, see docs/table.md),
    /// deletes it, so no owner ever reads past another's leftovers.
    /// </summary>
    private async Task RemoveLeftoversAsync(OperationScope scope, ProjectKey project, CancellationToken cancellationToken)
    {
        var probe = ProjectRequests.PartitionKeys(context.Table, project.ProjectId, null, limit: 1);
        var first = await context.Client.QueryAsync(probe, cancellationToken).ConfigureAwait(false);
        scope.RecordQuery(probe, first);
        var firstKey = first.Items?.FirstOrDefault();
        if (firstKey is null)
        {
            return;
        }

        if (firstKey.GetValueOrDefault(TapkoKeys.SortKey)?.S == TapkoKeys.ClaimSortKey)
        {
            throw Taken(project, null);
        }

        var removed = await DeleteAllAsync(scope, startKey => ProjectRequests.PartitionKeys(context.Table, project.ProjectId, startKey, limit: null), cancellationToken).ConfigureAwait(false);
        Log.LeftoversRemoved(context.Logger, project.ProjectId, removed);
    }

    /// <summary>Deletes every item the paged <paramref name="keys"/> query finds, in batches; returns how many.</summary>
    private async Task<int> DeleteAllAsync(OperationScope scope, Func<Dictionary<string, AttributeValue>?, QueryRequest> keys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = keys(startKey);
            var page = await context.Client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            scope.RecordQuery(request, page);
            foreach (var chunk in (page.Items ?? []).Chunk(BatchWriteLimit))
            {
                await DeleteBatchAsync(scope, chunk, cancellationToken).ConfigureAwait(false);
                deleted += chunk.Length;
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
        return deleted;
    }

    /// <summary>The id is held, by this owner or another: deliberately the same answer, which names nobody.</summary>
    private static DuplicateItemException Taken(ProjectKey project, Exception? cause) =>
        new($"The project id '{project.ProjectId}' is already taken; mint another with ProjectId.New.", cause is null ? null : ItemReader.ForgetOtherOwners(cause, null));

    private async Task DeleteBatchAsync(OperationScope scope, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        var request = ProjectRequests.DeleteBatch(context.Table, keys);
        for (var attempt = 1; ; attempt++)
        {
            var response = await context.Client.BatchWriteItemAsync(request, cancellationToken).ConfigureAwait(false);
            scope.Record("BatchWriteItem", isWrite: true, response.ConsumedCapacity);
            if (response.UnprocessedItems is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v is not { Count: > 0 }))
            {
                return;
            }

            if (attempt >= context.Options.BatchWriteMaxAttempts)
            {
                throw new InvalidOperationException(
                    $"DynamoDB left {unprocessed.Values.Sum(v => v?.Count ?? 0)} deletes unprocessed after {attempt} attempts (throttling). " +
                    "The project is closed and marked as being deleted; call DeleteAsync again to finish.");
            }

            // Unprocessed items mean the table is throttling; back off before sending only what is left.
            await context.DelayBeforeRetryAsync("project.delete", $"{unprocessed.Values.Sum(v => v?.Count ?? 0)} unprocessed deletes", attempt, cancellationToken).ConfigureAwait(false);
            request = new BatchWriteItemRequest { RequestItems = unprocessed, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES };
        }
    }

    private async Task<Project> UpdateAsync(OperationScope scope, ProjectKey project, UpdateItemRequest request, string writeId, long? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            var response = await context.Client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            scope.Record("UpdateItem", isWrite: true, [response.ConsumedCapacity]);
            return ProjectItem.FromItem(response.Attributes);
        }
        catch (ConditionalCheckFailedException e)
        {
            scope.Record("UpdateItem", isWrite: true, null);
            if (e.Item is not { Count: > 0 } current || ProjectItem.IsBeingDeleted(current))
            {
                throw TapkoNotFoundException.Project(project, e);
            }

            if (WriteId.WroteLast(current, writeId))
            {
                // The SDK retried a request whose first attempt was applied but whose answer was lost; the condition
                // kept it from applying twice. The change is this call's own.
                return ProjectItem.FromItem(current);
            }

            var actual = current.GetValueOrDefault(TapkoKeys.Attributes.Version)?.N;
            throw new ConcurrencyConflictException(
                $"Project '{project.ProjectId}' is at version {actual}, not {expectedVersion} as expected; it was not changed.", actual, e);
        }
    }
}
