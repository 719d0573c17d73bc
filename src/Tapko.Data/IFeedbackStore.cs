namespace Tapko.Data;

/// <summary>
/// Feedback of a project. Every call is addressed by the owner and the project; another owner's project answers
/// exactly like a missing one (same result, no token, same exception, same cost). Thread-safe.
/// </summary>
/// <remarks>
/// Each call first needs to know that the caller holds the project id: that comes from the id's claim item, cached in
/// process after the first read (<see cref="TapkoStoreOptions.ProjectOwnerCacheSize"/>). With the owner cached a call
/// is one DynamoDB request; the first call for a project in a process, and every call for a project the caller does not
/// hold, adds one strongly consistent GetItem of the claim (1 read unit). The cache is never trusted to refuse: a
/// request whose answer shows the project was deleted or re-created elsewhere reads the claim again and retries once.
/// </remarks>
public interface IFeedbackStore
{
    /// <summary>
    /// Stores a submission if the project exists and is collecting feedback. Atomic and idempotent: a submission
    /// repeated with the same <see cref="NewFeedback.Id"/> returns the stored feedback and never writes a duplicate.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="feedback">The submission.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The stored feedback, with status <see cref="FeedbackStatus.Open"/>. For a repeat, the feedback as stored: in
    /// <see cref="SubmitMode.Transactional"/> mode a repeat inside DynamoDB's 10-minute idempotency window is answered
    /// like the first call (even if the item has since changed status or been deleted, and nothing is rewritten); after
    /// it, or in <see cref="SubmitMode.ReadThenWrite"/> mode, the item as it is now.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// An id, the message or the payload breaks a documented rule, or a caller-chosen id is dated outside
    /// <see cref="TapkoStoreOptions.FeedbackIdMaxAge"/> / <see cref="TapkoStoreOptions.FeedbackIdMaxLead"/> around the
    /// store's clock; nothing was sent.
    /// </exception>
    /// <exception cref="ItemTooLargeException">The item would exceed 400 KB; nothing was sent.</exception>
    /// <exception cref="TapkoNotFoundException">
    /// The project does not exist (or belongs to another owner). Checked before the feedback id, so whether an id is
    /// used is never revealed to anyone but the project's owner.
    /// </exception>
    /// <exception cref="FeedbackCollectionClosedException">The project is not collecting feedback (HTTP 400).</exception>
    /// <exception cref="DuplicateItemException">The id is already used by a different submission.</exception>
    Task<Feedback> SubmitAsync(ProjectKey project, NewFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>
    /// The widget's submit: stores a submission addressed by the project id alone, as an anonymous browser knows it,
    /// resolving the owner through the id's claim (cached in process). Otherwise exactly
    /// <see cref="SubmitAsync(ProjectKey, NewFeedback, CancellationToken)"/>: atomic, idempotent for a repeated
    /// <see cref="NewFeedback.Id"/>, refused while the project is not collecting.
    /// </summary>
    /// <param name="projectId">The project, as the widget's page names it.</param>
    /// <param name="feedback">The submission. Its size is checked as if the owner's id were the longest allowed, so the
    /// answer never depends on who owns the project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A receipt that names no owner, safe to return to the browser.</returns>
    /// <remarks>
    /// A cached owner is only a hint: the write itself checks the owner's project item and its incarnation, so after the
    /// project was deleted elsewhere, and even re-created by another owner, nothing is written under the old owner; the
    /// claim is read again and the submission goes to the project that now holds the id, or is refused as not found.
    /// </remarks>
    /// <exception cref="ArgumentException">The message, the payload or a caller-chosen id breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ItemTooLargeException">The item would exceed 400 KB; nothing was sent.</exception>
    /// <exception cref="TapkoNotFoundException">No project holds the id (the message names only the id).</exception>
    /// <exception cref="FeedbackCollectionClosedException">The project is not collecting feedback (HTTP 400). Its message
    /// names only the project id; its <see cref="FeedbackCollectionClosedException.Project"/> names the owner, for the
    /// server's logs, not for the browser.</exception>
    /// <exception cref="DuplicateItemException">The id is already used by a different submission.</exception>
    Task<FeedbackReceipt> SubmitFromWidgetAsync(ProjectId projectId, NewFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Gets one feedback item (GetItem), or <see langword="null"/> when it does not exist or belongs to another owner.</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="feedbackId">The feedback.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Feedback?> GetAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a project's feedback by creation time (a Query on the table). A page never carries a token when it
    /// has no items; another owner's project gives an empty page and no token, whatever the query.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="query">Order, page size, created-at range and continuation token; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidContinuationTokenException">The token is malformed, modified or from another query.</exception>
    Task<Page<Feedback>> ListAsync(ProjectKey project, FeedbackQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a project's feedback in one status, by creation time: a Query on the status index, then, with the
    /// default <see cref="StatusIndexProjection.Rows"/>, one <c>BatchGetItem</c> of the page's items (half a read unit
    /// each); a triage inbox that shows rows reads less with <see cref="ListRowsByStatusAsync"/>.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="status">The status to list.</param>
    /// <param name="query">Order, page size, created-at range and continuation token; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidContinuationTokenException">The token is malformed, modified or from another query.</exception>
    Task<Page<Feedback>> ListByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a project's triage rows in one status, by creation time: what a triage inbox shows (ids, status,
    /// times, the start of the message), read from the status index alone in one Query. With the default
    /// <see cref="StatusIndexProjection.Rows"/> it reads about a third of what <see cref="ListByStatusAsync"/> does;
    /// open one row with <see cref="GetAsync"/>. Tokens, ranges and tenancy are as for <see cref="ListByStatusAsync"/>.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="status">The status to list.</param>
    /// <param name="query">Order, page size, created-at range and continuation token; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidContinuationTokenException">The token is malformed, modified or from another query.</exception>
    Task<Page<FeedbackRow>> ListRowsByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves feedback to <paramref name="newStatus"/> with one UpdateItem and no read: the status, the status-index key
    /// and <c>updatedAt</c> change together.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="feedbackId">The feedback.</param>
    /// <param name="newStatus">The status to set.</param>
    /// <param name="expectedStatus">When given, the update applies only if the current status is this one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The feedback as updated. When the SDK resent the request because the answer to an applied attempt was lost,
    /// the store recognises its own change and returns it rather than a conflict.
    /// </returns>
    /// <remarks>
    /// Under the SDK's retries an update is applied once, with two narrow exceptions that need a lost answer and
    /// another caller's update of the same item within the retry's delay: if that update came first, the retry
    /// reports a <see cref="ConcurrencyConflictException"/> although this call's change was applied (and then
    /// superseded); if updates brought the item back to <paramref name="expectedStatus"/>, the retry applies the change
    /// a second time. After any failure, re-read before deciding.
    /// </remarks>
    /// <exception cref="TapkoNotFoundException">The feedback does not exist (or belongs to another owner).</exception>
    /// <exception cref="ConcurrencyConflictException">The current status is not <paramref name="expectedStatus"/>.</exception>
    Task<Feedback> UpdateStatusAsync(ProjectKey project, FeedbackId feedbackId, FeedbackStatus newStatus, FeedbackStatus? expectedStatus = null,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes one feedback item.</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="feedbackId">The feedback.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// <see langword="true"/> when it existed and was deleted; <see langword="false"/> when there was nothing of this
    /// owner's to delete. The item is gone either way: when the SDK resent the request because the answer to an
    /// applied attempt was lost, the resend finds nothing and this call reports <see langword="false"/>.
    /// </returns>
    Task<bool> DeleteAsync(ProjectKey project, FeedbackId feedbackId, CancellationToken cancellationToken = default);

    /// <summary>The most feedback ids one <see cref="MoveManyAsync"/> takes.</summary>
    public const int MaxMoveMany = 1_000;

    /// <summary>
    /// How many of the project's feedback items are in each status. With <see cref="StatusCountsMode.Maintained"/> (the
    /// default) one <c>GetItem</c> of the project item, at most 0.5 read units whatever the number of items, exact after
    /// every submit, move and delete; with <see cref="StatusCountsMode.None"/>, paged <c>COUNT</c> queries of the status
    /// index, whose cost grows with the items.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The counts, or <see langword="null"/> when the owner has no such project.</returns>
    Task<FeedbackStatusCounts?> GetStatusCountsAsync(ProjectKey project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves up to <see cref="MaxMoveMany"/> feedback items to <paramref name="newStatus"/> ("resolve these 40"). With
    /// counters maintained, up to 99 items go in one transaction with one change of the project's counters; without,
    /// one <c>UpdateItem</c> per item, eight at a time. Either way each item is moved or reported, never half-moved.
    /// </summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="feedbackIds">The items, each named once.</param>
    /// <param name="newStatus">The status to set.</param>
    /// <param name="expectedStatus">When given, only items in this status move; the others are reported as conflicts.</param>
    /// <param name="cancellationToken">Cancels between requests.</param>
    /// <returns>One result per id, in the order given.</returns>
    /// <exception cref="ArgumentException">No ids, more than <see cref="MaxMoveMany"/>, a repeated or default id; nothing was sent.</exception>
    Task<IReadOnlyList<FeedbackMoveResult>> MoveManyAsync(ProjectKey project, IReadOnlyCollection<FeedbackId> feedbackIds, FeedbackStatus newStatus,
        FeedbackStatus? expectedStatus = null, CancellationToken cancellationToken = default);

    /// <summary>Every item of <see cref="ListAsync"/>, page after page as the sequence is enumerated.</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="query">Order, page size and created-at range; a token in it starts from that page.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also through <c>WithCancellation</c>).</param>
    IAsyncEnumerable<Feedback> ListAllAsync(ProjectKey project, FeedbackQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Every item of <see cref="ListByStatusAsync"/>, page after page as the sequence is enumerated.</summary>
    /// <param name="project">Owner and project.</param>
    /// <param name="status">The status to list.</param>
    /// <param name="query">Order, page size and created-at range; a token in it starts from that page.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also through <c>WithCancellation</c>).</param>
    IAsyncEnumerable<Feedback> ListAllByStatusAsync(ProjectKey project, FeedbackStatus status, FeedbackQuery? query = null,
        CancellationToken cancellationToken = default);
}
