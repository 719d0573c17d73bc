namespace Tapko.Data.Stores;

/// <summary>A project's retention policy: checked against the counting mode, and changed on the project and its claim.</summary>
internal sealed class ProjectRetention(TapkoContext context)
{
    /// <summary>
    /// <paramref name="retention"/>, once it is known to be valid and usable by this store: transaction-kept counts
    /// (<see cref="StatusCountsMode.Maintained"/>) never hear of DynamoDB's removals, so they would count expired
    /// feedback forever.
    /// </summary>
    public FeedbackRetention Require(FeedbackRetention retention, string paramName)
    {
        ArgumentNullException.ThrowIfNull(retention, paramName);
        retention.Require(paramName);
        if (retention.Expires && context.Options.StatusCounts == StatusCountsMode.Maintained)
        {
            throw new InvalidOperationException(
                "Feedback retention needs StatusCounts = Streamed (the change feed counts DynamoDB's removals) or None; " +
                "with Maintained, counts kept in each write's transaction would go on counting expired feedback.");
        }

        return retention;
    }

    public async Task<Project> SetAsync(OperationScope scope, ProjectKey project, FeedbackRetention retention, CancellationToken cancellationToken)
    {
        var writeId = WriteId.New();
        var changed = await context.Owners.WithClaimAsync<bool>(scope, project, async (claim, verified) =>
            {
                var request = RetentionRequests.Set(context.Table, project, claim.Incarnation, retention, context.Now(), writeId);
                var outcome = await context.Requests.TransactWriteItemsAsync(scope, request, cancellationToken).ConfigureAwait(false);
                if (!outcome.Applied && !outcome.AnyFailedCondition)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(outcome.Cancelled!);
                }

                // A refusal on a cached claim may only mean the id has a new life the cache has not seen.
                return outcome.Applied ? true : verified ? false : StaleClaim.Found;
            },
            () => false,
            cancellationToken).ConfigureAwait(false);

        // This process's submissions and moves must expire by the new policy from now on.
        context.Owners.Forget(project.ProjectId);
        if (!changed)
        {
            throw TapkoNotFoundException.Project(project);
        }

        var read = await context.Requests.GetItemAsync(scope, ProjectRequests.Get(context.Table, project, consistent: true),
            cancellationToken).ConfigureAwait(false);
        return read.Item is { Count: > 0 } item ? ProjectItem.FromItem(item) : throw TapkoNotFoundException.Project(project);
    }
}
