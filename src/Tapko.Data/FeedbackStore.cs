using Microsoft.Extensions.Logging;

namespace Tapko.Data;

/// <summary>The DynamoDB implementation of <see cref="IFeedbackStore"/>. Thread-safe; register it as a singleton.</summary>
public sealed class FeedbackStore : IFeedbackStore
{
    private readonly TapkoContext context;
    private readonly FeedbackSubmission submission;
    private readonly StatusMoves moves;
    private readonly SingleMove singleMove;
    private readonly StatusCounting counting;
    private readonly FeedbackListing listing;

    /// <summary>Both stores of one registration share <paramref name="context"/>, and with it the project-id owner cache.</summary>
    internal FeedbackStore(TapkoContext context)
    {
        this.context = context;
        submission = new FeedbackSubmission(context);
        moves = new StatusMoves(context);
        singleMove = new SingleMove(context, moves);
        counting = new StatusCounting(context);
        listing = new FeedbackListing(context);
    }

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

    /// <inheritdoc />
    public Task<Feedback> SubmitAsync(ProjectKey project, NewFeedback feedback, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackSubmit, scope =>
        {
            project.Require(nameof(project));
            var prepared = PreparedSubmission.Prepare(feedback, project.ProjectId, project.Owner, context.Options, context.Time, nameof(feedback));
            return !submission.InTransaction
                // The project item is read anyway, and its absence costs what a missing project's does: no claim needed.
                ? ValueOfAsync(submission.WriteAsync(scope, project, claim: null, prepared, anonymous: false, cancellationToken))
                : context.Owners.WithClaimAsync(
                    scope,
                    project.ProjectId,
                    project.Owner,
                    (claim, _) => submission.WriteAsync(scope, project, claim, prepared, anonymous: false, cancellationToken),
                    () => throw TapkoNotFoundException.Project(project),
                    cancellationToken);
        });

    /// <inheritdoc />
    public Task<FeedbackReceipt> SubmitFromWidgetAsync(ProjectId projectId, NewFeedback feedback, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackSubmitWidget, scope =>
        {
            projectId.Require(nameof(projectId));
            var prepared = PreparedSubmission.Prepare(feedback, projectId, owner: null, context.Options, context.Time, nameof(feedback));
            return context.Owners.WithClaimAsync(
                scope,
                projectId,
                owner: null,
                async (claim, _) =>
                {
                    var stored = await submission.WriteAsync(scope, new ProjectKey(claim.Owner, projectId), claim, prepared, anonymous: true,
                        cancellationToken).ConfigureAwait(false);
                    return stored.IsStale ? StaleClaim.Found
                        : new ClaimOutcome<FeedbackReceipt>(new FeedbackReceipt(projectId, stored.Value.Id, stored.Value.Status, stored.Value.CreatedAt));
                },
                () => throw TapkoNotFoundException.ProjectId(projectId),
                cancellationToken);
        });

    /// <inheritdoc />
    public Task<Feedback?> GetAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackGet, scope =>
        {
            FeedbackArguments.Checked(project, feedbackId);
            return context.Owners.WithClaimAsync<Feedback?>(scope, project, async (claim, verified) =>
                {
                    var request = FeedbackRequests.Get(context.Table, project, claim, feedbackId, context.Options.ConsistentReads);
                    var response = await context.Requests.GetItemAsync(scope, request, cancellationToken).ConfigureAwait(false);
                    return response.Item is not { Count: > 0 } item ? null
                        : FeedbackItem.BelongsTo(item, project.Owner, claim) ? (Expiry.HasExpired(item, context.Now()) ? null : FeedbackItem.FromItem(item))
                        : verified ? null : StaleClaim.Found;
                },
                () => null,
                cancellationToken);
        });

    /// <inheritdoc />
    public Task<Page<Feedback>> ListAsync(ProjectKey project, FeedbackQuery? query = null, CancellationToken cancellationToken = default) =>
        ListAsync(OperationNames.FeedbackList, project, status: null, query, cancellationToken);

    /// <inheritdoc />
    public Task<Page<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default) =>
        ListAsync(OperationNames.FeedbackListByStatus, project, status, query, cancellationToken);

    /// <inheritdoc />
    public Task<Page<FeedbackRow>> ListRowsByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackListRowsByStatus, scope => listing.RowsAsync(scope, project, status, query, cancellationToken));

    /// <inheritdoc />
    public Task<Feedback> UpdateStatusAsync(ProjectKey project, FeedbackId feedbackId, FeedbackStatus newStatus,
        FeedbackStatus? expectedStatus = null, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackUpdateStatus, scope =>
        {
            FeedbackArguments.Checked(project, feedbackId);
            FeedbackArguments.Statuses(newStatus, expectedStatus);

            return MoveAsync(
                scope,
                project,
                newStatus,
                expectedStatus,
                move => singleMove.MoveAsync(scope, move, feedbackId, Counted, cancellationToken),
                () => throw TapkoNotFoundException.Feedback(project, feedbackId),
                cancellationToken);
        });

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackDelete, scope =>
        {
            FeedbackArguments.Checked(project, feedbackId);
            return context.Owners.WithClaimAsync<bool>(scope, project, async (claim, verified) =>
                {
                    if (Counted)
                    {
                        return await moves.DeleteAsync(scope, project, claim, verified, feedbackId, WriteId.New(), cancellationToken).ConfigureAwait(false);
                    }

                    var request = FeedbackRequests.Delete(context.Table, project, claim, feedbackId, context.Now());
                    var outcome = await context.Requests.DeleteItemAsync(scope, request, cancellationToken).ConfigureAwait(false);

                    // An item of this life that refused is expired: gone already, and DynamoDB removes it.
                    return outcome.Applied ? true
                        : BlockedWrite.Classify(outcome.Blocking, project, claim, verified, context.Now(), null) == Blocked.StaleClaim ? StaleClaim.Found
                        : false;
                },
                () => false,
                cancellationToken);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackMoveResult>> MoveManyAsync(ProjectKey project, IReadOnlyCollection<FeedbackId> feedbackIds,
        FeedbackStatus newStatus, FeedbackStatus? expectedStatus = null, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackMoveMany, scope =>
        {
            project.Require(nameof(project));
            var ids = FeedbackArguments.MoveIds(feedbackIds);
            FeedbackArguments.Statuses(newStatus, expectedStatus);

            return MoveAsync<IReadOnlyList<FeedbackMoveResult>>(
                scope,
                project,
                newStatus,
                expectedStatus,
                move => moves.ManyAsync(scope, move, ids, Counted, cancellationToken),
                () => [.. ids.Select(id => new FeedbackMoveResult(id, FeedbackMoveOutcome.NotFound))],
                cancellationToken);
        });

    /// <inheritdoc />
    public Task<FeedbackStatusCounts?> GetStatusCountsAsync(ProjectKey project, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.FeedbackStatusCounts, scope =>
        {
            project.Require(nameof(project));

            // Streamed counts sit on the claim, which names its owner; counters on the project item, which is keyed by
            // its owner: either way another owner's project reads as missing, at a missing project's cost.
            return context.Options.StatusCounts switch
            {
                StatusCountsMode.Streamed => counting.FromFeedAsync(scope, project, cancellationToken),
                StatusCountsMode.Maintained => counting.FromCountersAsync(scope, project, cancellationToken),
                _ => context.Owners.WithClaimAsync<FeedbackStatusCounts?>(
                    scope,
                    project.ProjectId,
                    project.Owner,
                    async (claim, _) => await counting.ByQueryAsync(scope, project, claim, cancellationToken).ConfigureAwait(false),
                    () => null,
                    cancellationToken),
            };
        });

    /// <inheritdoc />
    public IAsyncEnumerable<Feedback> ListAllAsync(ProjectKey project, FeedbackQuery? query = null, CancellationToken cancellationToken = default) =>
        Pages.AllAsync(query?.ContinuationToken, (token, ct) => ListAsync(project, (query ?? new()) with { ContinuationToken = token }, ct),
            cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Feedback> ListAllByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default) =>
        Pages.AllAsync(query?.ContinuationToken, (token, ct) => ListByStatusAsync(project, status, (query ?? new()) with { ContinuationToken = token },
            ct), cancellationToken);

    /// <summary>
    /// A move of one or many items under the caller's claim. Its time and write id are fixed once per call, so a retry
    /// after a stale claim, and the SDK's resends, write exactly what the first attempt would have.
    /// </summary>
    private Task<T> MoveAsync<T>(OperationScope scope, ProjectKey project, FeedbackStatus to, FeedbackStatus? expected,
        Func<StatusMove, Task<ClaimOutcome<T>>> move, Func<T> missing, CancellationToken cancellationToken)
    {
        var writeId = WriteId.New();
        var now = context.Now();
        return context.Owners.WithClaimAsync(scope, project, (claim, verified) => move(new StatusMove(project, claim, verified, to, expected, now, writeId)),
            missing, cancellationToken);
    }

    /// <summary>Whether counters are kept, so moves and deletes are counted transactions.</summary>
    private bool Counted => context.Options.StatusCounts == StatusCountsMode.Maintained;

    /// <summary>The answer of a write made without a claim, which cannot find one stale.</summary>
    private static async Task<T> ValueOfAsync<T>(Task<ClaimOutcome<T>> outcome) => (await outcome.ConfigureAwait(false)).Value;

    private Task<Page<Feedback>> ListAsync(string operation, ProjectKey project, FeedbackStatus? status, FeedbackQuery? query,
        CancellationToken cancellationToken) =>
        context.RunAsync(operation, scope => listing.FeedbackAsync(scope, project, status, query, cancellationToken));
}
