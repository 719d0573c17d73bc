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
        ArgumentNullException.ThrowIfNull(feedback);
        var message = TextRules.RequireMessage(feedback.Message, nameof(feedback));
        var payload = feedback.Payload is { } json ? PayloadConverter.ToAttributeValue(json, nameof(feedback)) : null;
        if (feedback.Id is { HasValue: false })
        {
            throw new ArgumentException("NewFeedback.Id must be created with FeedbackId.New or FeedbackId.Parse, or left null.", nameof(feedback));
        }

        var id = feedback.Id ?? FeedbackId.New(context.Time);

        // createdAt and updatedAt both come from the id, so a retry builds a byte-identical request: that is what
        // DynamoDB's client request token needs to treat it as the same transaction.
        var stored = new Feedback(project, id, message, FeedbackStatus.Open, feedback.Payload, id.CreatedAt, id.CreatedAt);
        var item = FeedbackItem.ToItem(stored, payload);
        ItemSize.ThrowIfTooLarge(item);

        var mayBeRetry = feedback.Id is not null;
        return context.Options.SubmitMode == SubmitMode.Transactional
            ? context.RunAsync("feedback.submit", scope => SubmitTransactionalAsync(scope, stored, item, cancellationToken))
            : context.RunAsync("feedback.submit", scope => SubmitReadThenWriteAsync(scope, stored, item, mayBeRetry, cancellationToken));
    }

    /// <inheritdoc />
    public Task<Feedback?> GetAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default)
    {
        var request = FeedbackRequests.Get(context.Table, Checked(project, feedbackId), feedbackId, context.Options.ConsistentReads);
        return context.RunAsync("feedback.get", async scope =>
        {
            var response = await context.Client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
            scope.Record("GetItem", isWrite: false, [response.ConsumedCapacity]);
            // Feedback is keyed by project alone, so the owner is checked here; another tenant's item reads as missing.
            return ItemReader.IsOwnedBy(response.Item, project.Owner) ? FeedbackItem.FromItem(response.Item!) : null;
        });
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
        var request = FeedbackRequests.UpdateStatus(context.Table, project, feedbackId, newStatus, expectedStatus, context.Now(), writeId);
        return context.RunAsync("feedback.update_status", async scope =>
        {
            try
            {
                var response = await context.Client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("UpdateItem", isWrite: true, [response.ConsumedCapacity]);
                return FeedbackItem.FromItem(response.Attributes);
            }
            catch (ConditionalCheckFailedException e)
            {
                scope.Record("UpdateItem", isWrite: true, null);
                if (!ItemReader.IsOwnedBy(e.Item, project.Owner))
                {
                    throw TapkoNotFoundException.Feedback(project, feedbackId, ItemReader.ForgetOtherOwners(e, project.Owner));
                }

                if (WriteId.WroteLast(e.Item, writeId))
                {
                    // The SDK retried a request whose first attempt was applied but whose answer was lost: the
                    // expected status no longer holds because of this very call. It succeeded; say so.
                    return FeedbackItem.FromItem(e.Item!);
                }

                var actual = e.Item!.GetValueOrDefault(TapkoKeys.Attributes.Status)?.S;
                throw new ConcurrencyConflictException(
                    $"Feedback '{feedbackId}' is '{actual}', not '{expectedStatus?.ToWireName()}' as expected; its status was not changed.",
                    actual,
                    e);
            }
        });
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default)
    {
        var request = FeedbackRequests.Delete(context.Table, Checked(project, feedbackId), feedbackId);
        return context.RunAsync("feedback.delete", async scope =>
        {
            try
            {
                var response = await context.Client.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("DeleteItem", isWrite: true, [response.ConsumedCapacity]);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                scope.Record("DeleteItem", isWrite: true, null);
                return false;
            }
        });
    }

    private Task<Page<Feedback>> ListCoreAsync(string operation, ProjectKey project, FeedbackStatus? status, FeedbackQuery? query, CancellationToken cancellationToken)
    {
        project.Require(nameof(project));
        query ??= new FeedbackQuery();
        query.Validate(nameof(query));
        var binding = status is { } s ? QueryBinding.FeedbackByStatus(project, s, query) : QueryBinding.Feedback(project, query);

        FeedbackId? startAfter = null;
        if (query.ContinuationToken is { } token)
        {
            startAfter = FeedbackId.TryParse(context.Cursors.Decode(token, binding), out var last)
                ? last
                : throw new InvalidContinuationTokenException("its position is not a feedback id");
        }

        var request = FeedbackRequests.List(context.Table, project, status, query, startAfter, context.Options.ConsistentReads);
        return context.RunAsync(operation, async scope =>
        {
            var response = await context.Client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            scope.RecordQuery(request, response);
            var items = (response.Items ?? []).Select(FeedbackItem.FromItem).ToList();
            string? next = null;
            if (response.LastEvaluatedKey is { Count: > 0 } lastKey
                && TapkoKeys.IdFromSortKey(lastKey.GetValueOrDefault(TapkoKeys.SortKey)?.S, TapkoKeys.FeedbackSortKeyPrefix) is { } lastId)
            {
                next = context.Cursors.Encode(binding, lastId);
            }

            return new Page<Feedback>(items, next);
        });
    }

    private async Task<Feedback> SubmitTransactionalAsync(OperationScope scope, Feedback stored, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var request = FeedbackRequests.Submit(context.Table, stored.Project, stored.Id, item);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await context.Client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                scope.Record("TransactWriteItems", isWrite: true, response.ConsumedCapacity);
                return stored;
            }
            catch (TransactionCanceledException e)
            {
                scope.Record("TransactWriteItems", isWrite: true, null);
                var reasons = e.CancellationReasons ?? [];
                var projectReason = reasons.ElementAtOrDefault(0);
                var putReason = reasons.ElementAtOrDefault(1);

                // Checked first: a retry of a submission that was stored before the project closed is still that
                // same stored submission, not a refusal.
                if (IsConditionFailure(putReason))
                {
                    return ExistingOrDuplicate(stored, item, putReason!.Item, e);
                }

                if (IsConditionFailure(projectReason))
                {
                    throw ProjectRefusal(stored.Project, projectReason!.Item, e);
                }

                if (reasons.Any(r => r?.Code == "TransactionConflict") && attempt < context.Options.TransactionConflictMaxAttempts)
                {
                    // Another submission holds the project item; the same token makes this retry safe.
                    await context.DelayBeforeRetryAsync("feedback.submit", "a transaction conflict", attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw;
            }
            catch (IdempotentParameterMismatchException e)
            {
                throw new DuplicateItemException(
                    $"Feedback '{stored.Id}' was submitted in the last minutes with different content; a feedback id must not be reused.", e);
            }
        }
    }

    private async Task<Feedback> SubmitReadThenWriteAsync(OperationScope scope, Feedback stored, Dictionary<string, AttributeValue> item, bool mayBeRetry, CancellationToken cancellationToken)
    {
        var read = await context.Client.GetItemAsync(ProjectRequests.Get(context.Table, stored.Project, consistent: true), cancellationToken).ConfigureAwait(false);
        scope.Record("GetItem", isWrite: false, [read.ConsumedCapacity]);
        if (read.Item is not { Count: > 0 } project || !ProjectItem.FromItem(project).IsCollectingFeedback || ProjectItem.IsBeingDeleted(project))
        {
            // Like the transactional mode, a retry of a submission stored before the project closed is still that
            // stored submission, not a refusal. Only a caller-chosen id can already be stored, so only then is it read.
            if (mayBeRetry)
            {
                var existing = await context.Client.GetItemAsync(FeedbackRequests.Get(context.Table, stored.Project, stored.Id, consistent: true), cancellationToken).ConfigureAwait(false);
                scope.Record("GetItem", isWrite: false, [existing.ConsumedCapacity]);
                if (existing.Item is { Count: > 0 } found && FeedbackItem.IsSameSubmission(found, item))
                {
                    return FeedbackItem.FromItem(found);
                }
            }

            throw ProjectRefusal(stored.Project, read.Item is { Count: > 0 } ? read.Item : null, null);
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
            return ExistingOrDuplicate(stored, item, e.Item, e);
        }
    }

    private Feedback ExistingOrDuplicate(Feedback stored, Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue>? existing, Exception cause)
    {
        if (existing is { Count: > 0 } && FeedbackItem.IsSameSubmission(existing, item))
        {
            Log.RepeatedSubmission(context.Logger, stored.Id, stored.Project.ProjectId);
            return FeedbackItem.FromItem(existing);
        }

        throw new DuplicateItemException(
            $"Feedback id '{stored.Id}' is already used in project '{stored.Project.ProjectId}' by a different submission.",
            ItemReader.ForgetOtherOwners(cause, stored.Project.Owner));
    }

    private static TapkoException ProjectRefusal(ProjectKey project, Dictionary<string, AttributeValue>? projectItem, Exception? cause) =>
        projectItem is { Count: > 0 } && !ProjectItem.IsBeingDeleted(projectItem)
            ? new FeedbackCollectionClosedException(project, cause)
            : TapkoNotFoundException.Project(project, cause);

    private static bool IsConditionFailure(CancellationReason? reason) => reason?.Code == "ConditionalCheckFailed";

    private static ProjectKey Checked(ProjectKey project, FeedbackId feedbackId)
    {
        project.Require(nameof(project));
        feedbackId.Require(nameof(feedbackId));
        return project;
    }
}
