namespace Tapko.Data;

/// <summary>How <see cref="IFeedbackStore.SubmitAsync"/> checks that the project is collecting feedback.</summary>
public enum SubmitMode
{
    /// <summary>
    /// One <c>TransactWriteItems</c>: a condition check on the project (exists, collecting) and a conditional put of the
    /// feedback, idempotent through a client request token. Never accepts a submission after a close was acknowledged.
    /// Costs about twice the write units of a plain put, and concurrent submissions to one project serialise on the
    /// project item (DynamoDB reports a transaction conflict, which the store retries).
    /// </summary>
    Transactional,

    /// <summary>
    /// A consistent <c>GetItem</c> of the project, then a conditional <c>PutItem</c> of the feedback. Cheaper and free of
    /// transaction conflicts, but racy: a close (or a delete) acknowledged between the read and the put does not stop
    /// that one submission, and a put racing a project delete can leave orphaned feedback. When the project refuses a
    /// submission whose id the caller chose, a consistent <c>GetItem</c> of the feedback checks whether it is a retry of
    /// one already stored, which is then returned as in the transactional mode.
    /// </summary>
    ReadThenWrite,

    /// <summary>
    /// Like <see cref="ReadThenWrite"/>, but the project's state (collecting, life, layout) is read at most once per
    /// <see cref="TapkoStoreOptions.SubmitCheckCacheLifetime"/> per process and then served from memory: a submission
    /// is one conditional <c>PutItem</c>, with no read and no transaction, also to a sharded project (whose submissions
    /// then never meet a transaction conflict). The price: a close acknowledged by another process takes up to that
    /// lifetime to stop this one's submissions (a close through this process's own stores applies at once), and, as
    /// with <see cref="ReadThenWrite"/>, a put racing a project delete can leave feedback that no later project shows.
    /// </summary>
    CachedCheck,
}
