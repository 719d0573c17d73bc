using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Tapko.Data.Internal;

namespace Tapko.Data;

/// <summary>The DynamoDB implementation of <see cref="IFeedbackStore"/>. Thread-safe; register it as a singleton.</summary>
public sealed class FeedbackStore : IFeedbackStore
{
    private readonly TapkoContext context;

    /// <summary>Creates the store. Prefer <c>services.AddTapkoStore(...)</c> in a host.</summary>
    /// <param name="client">The DynamoDB client; not disposed by the store.</param>
    /// <param name="options">The options; copied and validated now.</param>
    /// <param name="timeProvider">The clock for <c>updatedAt</c> and new ids; the system clock by default.</param>
    /// <param name="loggerFactory">Where retries, throttling and conflicts are logged; nowhere by default.</param>
    /// <exception cref="ArgumentException">The options break a rule; the message lists them all.</exception>
    public FeedbackStore(IAmazonDynamoDB client, TapkoStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(new TapkoContext(client, options, timeProvider, loggerFactory))
    {
    }

    internal FeedbackStore(TapkoContext context) => this.context = context;

    /// <inheritdoc />
    public Task<Feedback> SubmitAsync(ProjectKey project, NewFeedback feedback, CancellationToken cancellationToken = default)
    {
        project.Require(nameof(project));
        var submission = PreparedSubmission.Prepare(feedback, project.ProjectId, project.Owner, context.Options, context.Time, nameof(feedback));
        return context.RunAsync("feedback.submit", scope =>
            context.Options.SubmitMode == SubmitMode.ReadThenWrite
                // The project item is read anyway, and its absence costs what a missing project's does: no claim needed.
                ? SubmitReadThenWriteAsync(scope, project, claim: null, submission, anonymous: false, cancellationToken)
                : context.WithClaimAsync(
                    scope,
                    project.ProjectId,
                    project.Owner,
                    (claim, _) => SubmitTransactionalAsync(scope, project, claim, submission, anonymous: false, cancellationToken),
                    () => throw TapkoNotFoundException.Project(project),
                    cancellationToken));
    }

    /// <inheritdoc />
    public Task<FeedbackReceipt> SubmitFromWidgetAsync(ProjectId projectId, NewFeedback feedback, CancellationToken cancellationToken = default)
    {
        projectId.Require(nameof(projectId));
        var submission = PreparedSubmission.Prepare(feedback, projectId, owner: null, context.Options, context.Time, nameof(feedback));
        return context.RunAsync("feedback.submit_widget", scope => context.WithClaimAsync(
            scope,
            projectId,
            owner: null,
            async (claim, _) =>
            {
                var project = new ProjectKey(claim.Owner, projectId);
                var stored = context.Options.SubmitMode == SubmitMode.ReadThenWrite
                    ? await SubmitReadThenWriteAsync(scope, project, claim, submission, anonymous: true, cancellationToken).ConfigureAwait(false)
                    : await SubmitTransactionalAsync(scope, project, claim, submission, anonymous: true, cancellationToken).ConfigureAwait(false);
                return new FeedbackReceipt(projectId, stored.Id, stored.Status, stored.CreatedAt);
            },
            () => throw TapkoNotFoundException.ProjectId(projectId),
            cancellationToken));
    }

    /// <inheritdoc />
    public Task<Feedback?> GetAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default)
    {
        var request = FeedbackRequests.Get(context.Table, Checked(project, feedbackId), feedbackId, context.Options.ConsistentReads);
        return context.RunAsync("feedback.get", scope => context.WithClaimAsync(
            scope,
            project.ProjectId,
            project.Owner,
            async (claim, verified) =>
            {
                var response = await context.Client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("GetItem", isWrite: false, [response.ConsumedCapacity]);
                if (response.Item is not { Count: > 0 } item)
                {
                    return null;
                }

                return FeedbackItem.BelongsTo(item, project.Owner, claim) ? FeedbackItem.FromItem(item) : StaleOr<Feedback?>(verified, null);
            },
            () => null,
            cancellationToken));
    }

    /// <inheritdoc />
    public Task<Page<Feedback>> ListAsync(ProjectKey project, FeedbackQuery? query = null, CancellationToken cancellationToken = default) =>
        ListCoreAsync("feedback.list", project, status: null, query, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null, CancellationToken cancellationToken = default) =>
        ListCoreAsync("feedback.list_by_status", project, FeedbackStatusNames.Require(status, nameof(status)), query, cancellationToken);

    /// <inheritdoc />
    public Task<Feedback> UpdateStatusAsync(ProjectKey project, FeedbackId feedbackId, FeedbackStatus newStatus, FeedbackStatus? expectedStatus = null, CancellationToken cancellationToken = default)
    {
        Checked(project, feedbackId);
        FeedbackStatusNames.Require(newStatus, nameof(newStatus));
        if (expectedStatus is { } expected)
        {
            FeedbackStatusNames.Require(expected, nameof(expectedStatus));
        }

        var writeId = WriteId.New();
        var now = context.Now();
        return context.RunAsync("feedback.update_status", scope => context.WithClaimAsync(
            scope,
            project.ProjectId,
            project.Owner,
            async (claim, verified) =>
            {
                var request = FeedbackRequests.UpdateStatus(context.Table, project, claim.Incarnation, feedbackId, newStatus, expectedStatus, now, writeId);
                try
                {
                    var response = await context.Client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
                    scope.Record("UpdateItem", isWrite: true, [response.ConsumedCapacity]);
                    return FeedbackItem.FromItem(response.Attributes);
                }
                catch (ConditionalCheckFailedException e)
                {
                    scope.Record("UpdateItem", isWrite: true, null);
                    if (e.Item is not { Count: > 0 } current || !FeedbackItem.BelongsTo(current, project.Owner, claim))
                    {
                        return e.Item is { Count: > 0 } && !verified
                            ? throw new StaleClaimException()
                            : throw TapkoNotFoundException.Feedback(project, feedbackId, ItemReader.ForgetOtherOwners(e, project.Owner));
                    }

                    if (WriteId.WroteLast(current, writeId))
                    {
                        // The SDK retried a request whose first attempt was applied but whose answer was lost: the
                        // expected status no longer holds because of this very call. It succeeded; say so.
                        return FeedbackItem.FromItem(current);
                    }

                    var actual = current.GetValueOrDefault(TapkoKeys.Attributes.Status)?.S;
                    throw new ConcurrencyConflictException(
                        $"Feedback '{feedbackId}' is '{actual}', not '{expectedStatus?.ToWireName()}' as expected; its status was not changed.",
                        actual,
                        e);
                }
            },
            () => throw TapkoNotFoundException.Feedback(project, feedbackId),
            cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default)
    {
        Checked(project, feedbackId);
        return context.RunAsync("feedback.delete", scope => context.WithClaimAsync(
            scope,
            project.ProjectId,
            project.Owner,
            async (claim, verified) =>
            {
                try
                {
                    var response = await context.Client.DeleteItemAsync(FeedbackRequests.Delete(context.Table, project, claim.Incarnation, feedbackId), cancellationToken).ConfigureAwait(false);
                    scope.Record("DeleteItem", isWrite: true, [response.ConsumedCapacity]);
                    return true;
                }
                catch (ConditionalCheckFailedException e)
                {
                    scope.Record("DeleteItem", isWrite: true, null);
                    return e.Item is { Count: > 0 } && StaleOr(verified, false);
                }
            },
            () => false,
            cancellationToken));
    }

    /// <summary>
    /// What a call does with an item that is not of the claim it acted on: with a claim just read, the item was left
    /// behind by an earlier life of the project id and the call answers <paramref name="missing"/>; with a cached claim,
    /// the project may have been re-created since, so the claim is read again first.
    /// </summary>
    private static T StaleOr<T>(bool verified, T missing) => verified ? missing : throw new StaleClaimException();

    private Task<Page<Feedback>> ListCoreAsync(string operation, ProjectKey project, FeedbackStatus? status, FeedbackQuery? query, CancellationToken cancellationToken)
    {
        project.Require(nameof(project));
        query ??= new FeedbackQuery();
        query.Validate(nameof(query));
        var binding = QueryBinding.Feedback(project, status, query);
        FeedbackId? startAfter = null;
        if (query.ContinuationToken is { } token)
        {
            startAfter = FeedbackId.TryParse(context.Cursors.Decode(token, binding), out var last)
                ? last
                : throw new InvalidContinuationTokenException("its position is not a feedback id");
        }

        return context.RunAsync(operation, scope => context.WithClaimAsync(
            scope,
            project.ProjectId,
            project.Owner,
            (claim, verified) => ListPageAsync(scope, project, claim, verified, status, query, binding, startAfter, cancellationToken),
            () => new Page<Feedback>([], null),
            cancellationToken));
    }

    private async Task<Page<Feedback>> ListPageAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, bool verified, FeedbackStatus? status, FeedbackQuery query, string binding, FeedbackId? startAfter, CancellationToken cancellationToken)
    {
        var request = FeedbackRequests.List(context.Table, project, claim.Incarnation, status, query, startAfter, context.Options.ConsistentReads);
        var response = await context.Client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        scope.RecordQuery(request, response);
        if (response.ScannedCount > response.Count && !verified)
        {
            // The filter dropped items: either an earlier life of the id left them, or the cached claim is stale.
            throw new StaleClaimException();
        }

        var items = (response.Items ?? []).Select(FeedbackItem.FromItem).ToList();
        string? next = null;
        // A page with nothing of the caller's carries no token: positions in other items are nobody's business.
        if (items.Count > 0
            && response.LastEvaluatedKey is { Count: > 0 } lastKey
            && TapkoKeys.IdFromSortKey(lastKey.GetValueOrDefault(TapkoKeys.SortKey)?.S, TapkoKeys.FeedbackSortKeyPrefix) is { } lastId)
        {
            next = context.Cursors.Encode(binding, lastId);
        }

        return new Page<Feedback>(items, next);
    }

    private async Task<Feedback> SubmitTransactionalAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, PreparedSubmission submission, bool anonymous, CancellationToken cancellationToken)
    {
        var (stored, item) = submission.ItemFor(project, claim.Incarnation);
        var request = FeedbackRequests.Submit(context.Table, project, claim.Incarnation, stored.Id, item);
        try
        {
            await context.TransactAsync(scope, request, cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (TransactionCanceledException e)
        {
            var reasons = e.CancellationReasons ?? [];
            var projectReason = reasons.ElementAtOrDefault(0);
            var putReason = reasons.ElementAtOrDefault(1);

            // The project is checked before the feedback id: whether an id exists is only the project owner's to learn.
            if (IsConditionFailure(projectReason))
            {
                if (projectReason!.Item is not { Count: > 0 } projectItem || ProjectItem.Incarnation(projectItem) != claim.Incarnation)
                {
                    throw new StaleClaimException();
                }

                // The caller's project, closed or being deleted. A retry of a submission stored before it closed is
                // still that stored submission, not a refusal.
                if (IsConditionFailure(putReason) && putReason!.Item is { Count: > 0 } existing && FeedbackItem.IsSameSubmission(existing, item))
                {
                    return Repeated(existing);
                }

                throw ProjectRefusal(project, projectItem, ItemReader.ForgetOtherOwners(e, anonymous ? null : project.Owner), anonymous);
            }

            if (IsConditionFailure(putReason))
            {
                return ExistingOrDuplicate(stored, item, putReason!.Item, e, anonymous);
            }

            throw;
        }
        catch (IdempotentParameterMismatchException e)
        {
            throw new DuplicateItemException(
                $"Feedback '{stored.Id}' was submitted in the last minutes with different content; a feedback id must not be reused.", e);
        }
    }

    private async Task<Feedback> SubmitReadThenWriteAsync(OperationScope scope, ProjectKey project, ProjectClaim? claim, PreparedSubmission submission, bool anonymous, CancellationToken cancellationToken)
    {
        var read = await context.Client.GetItemAsync(ProjectRequests.Get(context.Table, project, consistent: true), cancellationToken).ConfigureAwait(false);
        scope.Record("GetItem", isWrite: false, [read.ConsumedCapacity]);
        var projectItem = read.Item is { Count: > 0 } found ? found : null;
        if (claim is not null && (projectItem is null || ProjectItem.Incarnation(projectItem) != claim.Incarnation))
        {
            throw new StaleClaimException();
        }

        if (projectItem is null)
        {
            // Nothing else is read: another owner's project, and its feedback ids, look exactly like a missing project.
            throw ProjectRefusal(project, null, null, anonymous);
        }

        var (stored, item) = submission.ItemFor(project, ProjectItem.Incarnation(projectItem));
        if (!ProjectItem.FromItem(projectItem).IsCollectingFeedback || ProjectItem.IsBeingDeleted(projectItem))
        {
            // Like the transactional mode, a retry of a submission stored before the project closed is still that
            // stored submission, not a refusal. Only a caller-chosen id can already be stored, so only then is it read.
            if (submission.CallerChoseId && !ProjectItem.IsBeingDeleted(projectItem))
            {
                var existing = await context.Client.GetItemAsync(FeedbackRequests.Get(context.Table, project, stored.Id, consistent: true), cancellationToken).ConfigureAwait(false);
                scope.Record("GetItem", isWrite: false, [existing.ConsumedCapacity]);
                if (existing.Item is { Count: > 0 } previous && FeedbackItem.IsSameSubmission(previous, item))
                {
                    return Repeated(previous);
                }
            }

            throw ProjectRefusal(project, projectItem, null, anonymous);
        }

        try
        {
            var response = await context.Client.PutItemAsync(FeedbackRequests.PutIfAbsent(context.Table, item), cancellationToken).ConfigureAwait(false);
            scope.Record("PutItem", isWrite: true, [response.ConsumedCapacity]);
            return stored;
        }
        catch (ConditionalCheckFailedException e)
        {
            scope.Record("PutItem", isWrite: true, null);
            return ExistingOrDuplicate(stored, item, e.Item, e, anonymous);
        }
    }

    private Feedback Repeated(Dictionary<string, AttributeValue> existing)
    {
        var feedback = FeedbackItem.FromItem(existing);
        Log.RepeatedSubmission(context.Logger, feedback.Id, feedback.Project.ProjectId);
        return feedback;
    }

    private Feedback ExistingOrDuplicate(Feedback stored, Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue>? existing, Exception cause, bool anonymous)
    {
        if (existing is { Count: > 0 } && FeedbackItem.IsSameSubmission(existing, item))
        {
            return Repeated(existing);
        }

        throw new DuplicateItemException(
            $"Feedback id '{stored.Id}' is already used in project '{stored.Project.ProjectId}' by a different submission.",
            ItemReader.ForgetOtherOwners(cause, anonymous ? null : stored.Project.Owner));
    }

    /// <summary>Why a project refused a submission; an anonymous caller learns nothing of the owner, not even from the message.</summary>
    private static TapkoException ProjectRefusal(ProjectKey project, Dictionary<string, AttributeValue>? projectItem, Exception? cause, bool anonymous) =>
        projectItem is { Count: > 0 } && !ProjectItem.IsBeingDeleted(projectItem)
            ? new FeedbackCollectionClosedException(project, cause)
            : anonymous ? TapkoNotFoundException.ProjectId(project.ProjectId, cause) : TapkoNotFoundException.Project(project, cause);

    private static bool IsConditionFailure(CancellationReason? reason) => reason?.Code == "ConditionalCheckFailed";

    private static ProjectKey Checked(ProjectKey project, FeedbackId feedbackId)
    {
        project.Require(nameof(project));
        feedbackId.Require(nameof(feedbackId));
        return project;
    }
}
