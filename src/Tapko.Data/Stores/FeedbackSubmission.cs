using System.Runtime.ExceptionServices;

namespace Tapko.Data.Stores;

/// <summary>
/// How a submission is written, in either <see cref="SubmitMode"/>: atomic with the project's open check, idempotent
/// for a repeated id, and checking the project before the feedback id, so whether an id is used is only ever the
/// project owner's to learn.
/// </summary>
internal sealed class FeedbackSubmission(TapkoContext context)
{
    /// <summary>
    /// Writes <paramref name="submission"/> to <paramref name="project"/>. With a <paramref name="claim"/> (from the
    /// owner cache) the project item must be of that life of the id, or the outcome is <see cref="StaleClaim"/>;
    /// without one (read-then-write mode, addressed by owner) the project item read decides, and the outcome is never stale.
    /// </summary>
    /// <remarks>
    /// A project with heads (<see cref="ShardLayout.HasHeads"/>) is always written by the transaction, outside
    /// <see cref="SubmitMode.CachedCheck"/>.
    /// </remarks>
    public Task<ClaimOutcome<Feedback>> WriteAsync(OperationScope scope, ProjectKey project, ProjectClaim? claim, PreparedSubmission submission, bool anonymous,
        CancellationToken cancellationToken) =>
        InTransaction || (claim is { Shards.HasHeads: true } && context.Options.SubmitMode != SubmitMode.CachedCheck)
            ? TransactionalAsync(scope, project, claim ?? throw new ArgumentNullException(nameof(claim)), submission, anonymous, cancellationToken)
            : ReadThenWriteAsync(scope, project, claim, submission, anonymous, cancellationToken);

    /// <summary>
    /// Whether submissions are one transaction: in <see cref="SubmitMode.Transactional"/> mode, and whenever status counts
    /// are maintained, since a counter must change in the same write as the feedback it counts.
    /// </summary>
    public bool InTransaction =>
        context.Options.SubmitMode == SubmitMode.Transactional || context.Options.StatusCounts == StatusCountsMode.Maintained;

    private async Task<ClaimOutcome<Feedback>> TransactionalAsync(OperationScope scope, ProjectKey project, ProjectClaim claim, PreparedSubmission submission,
        bool anonymous, CancellationToken cancellationToken)
    {
        const int ProjectCheck = 0, Put = 1;
        var (stored, item) = submission.ItemFor(project, claim);
        TransactOutcome outcome;
        try
        {
            outcome = await context.Requests.TransactWriteItemsAsync(scope, FeedbackRequests.Submit(context.Table, project, claim, stored.Id, item,
                count: context.Options.StatusCounts == StatusCountsMode.Maintained), cancellationToken).ConfigureAwait(false);
        }
        catch (IdempotentParameterMismatchException e)
        {
            throw new DuplicateItemException(
                $"Feedback '{stored.Id}' was submitted in the last minutes with different content; a feedback id must not be reused.", e);
        }

        if (outcome.Applied)
        {
            return stored;
        }

        if (outcome.FailedCondition(ProjectCheck))
        {
            if (outcome.Blocking(ProjectCheck) is not { } projectItem || ProjectItem.Incarnation(projectItem) != claim.Incarnation)
            {
                return StaleClaim.Found;
            }

            // The caller's project, closed or being deleted. A retry of a submission stored before it closed is still
            // that stored submission, not a refusal.
            if (outcome.Blocking(Put) is { } existing && FeedbackItem.IsSameSubmission(existing, item))
            {
                return Repeated(existing);
            }

            throw Refusal(project, projectItem, ItemReader.ForgetOtherOwners(outcome.Cancelled!, anonymous ? null : project.Owner), anonymous);
        }

        if (outcome.FailedCondition(Put))
        {
            return ExistingOrDuplicate(stored, item, outcome.Blocking(Put), outcome.Cancelled!, anonymous);
        }

        // Not a condition: DynamoDB's own reason (validation, throughput), rethrown as it came.
        ExceptionDispatchInfo.Throw(outcome.Cancelled!);
        return stored;
    }

    private async Task<ClaimOutcome<Feedback>> ReadThenWriteAsync(OperationScope scope, ProjectKey project, ProjectClaim? claim, PreparedSubmission submission,
        bool anonymous, CancellationToken cancellationToken)
    {
        var cached = context.Options.SubmitMode == SubmitMode.CachedCheck;
        var projectItem = cached ? context.ProjectStates.Get(project) : null;
        if (projectItem is not null && claim is not null && ProjectItem.Incarnation(projectItem) != claim.Incarnation)
        {
            // Cached before the project was deleted or re-created: the claim just resolved knows better.
            context.ProjectStates.Forget(project);
            projectItem = null;
        }

        if (projectItem is null)
        {
            var read = await context.Requests.GetItemAsync(scope, ProjectRequests.Get(context.Table, project, consistent: true),
                cancellationToken).ConfigureAwait(false);
            projectItem = read.Item is { Count: > 0 } found ? found : null;
            if (cached && projectItem is not null)
            {
                context.ProjectStates.Remember(project, projectItem);
            }
        }

        if (claim is not null && (projectItem is null || ProjectItem.Incarnation(projectItem) != claim.Incarnation))
        {
            return StaleClaim.Found;
        }

        if (projectItem is null)
        {
            // Nothing else is read: another owner's project, and its feedback ids, look exactly like a missing project.
            throw Refusal(project, null, null, anonymous);
        }

        if (ProjectItem.Layout(projectItem).HasHeads && !cached)
        {
            // Learned from the item just read, which is keyed by its owner: the claim it implies is as good as one read.
            // Stale then means its head is gone: the project is being deleted since the read.
            var written = await TransactionalAsync(scope, project, ProjectClaim.FromProjectItem(projectItem), submission, anonymous,
                cancellationToken).ConfigureAwait(false);
            return written.IsStale ? throw Refusal(project, null, null, anonymous) : written;
        }

        var (stored, item) = submission.ItemFor(project, ProjectClaim.FromProjectItem(projectItem));
        if (!ProjectItem.FromItem(projectItem).IsCollectingFeedback || ProjectItem.IsBeingDeleted(projectItem))
        {
            // Like the transactional mode, a retry of a submission stored before the project closed is still that
            // stored submission, not a refusal. Only a caller-chosen id can already be stored, so only then is it read.
            if (submission.CallerChoseId && !ProjectItem.IsBeingDeleted(projectItem))
            {
                var existing = await context.Requests.GetItemAsync(scope, FeedbackRequests.Get(context.Table, project,
                    ProjectClaim.FromProjectItem(projectItem), stored.Id, consistent: true), cancellationToken).ConfigureAwait(false);
                if (existing.Item is { Count: > 0 } previous && FeedbackItem.IsSameSubmission(previous, item))
                {
                    return Repeated(previous);
                }
            }

            throw Refusal(project, projectItem, null, anonymous);
        }

        var put = await context.Requests.PutItemAsync(scope, PutIfAbsent.Alone(context.Table, item), cancellationToken).ConfigureAwait(false);
        return put.Applied ? stored : ExistingOrDuplicate(stored, item, put.Blocking, put.Failure!, anonymous);
    }

    private Feedback Repeated(Dictionary<string, AttributeValue> existing)
    {
        var feedback = FeedbackItem.FromItem(existing);
        Log.RepeatedSubmission(context.Logger, feedback.Id, feedback.Project.ProjectId);
        return feedback;
    }

    private Feedback ExistingOrDuplicate(Feedback stored, Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue>? existing,
        Exception cause, bool anonymous)
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
    private static TapkoException Refusal(ProjectKey project, Dictionary<string, AttributeValue>? projectItem, Exception? cause, bool anonymous) =>
        projectItem is { Count: > 0 } && !ProjectItem.IsBeingDeleted(projectItem)
            ? new FeedbackCollectionClosedException(project, cause)
            : anonymous ? TapkoNotFoundException.ProjectId(project.ProjectId, cause) : TapkoNotFoundException.Project(project, cause);
}
