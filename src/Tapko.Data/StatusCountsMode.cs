namespace Tapko.Data;

/// <summary>How the stores keep per-status counts of each project's feedback (<see cref="TapkoStoreOptions.StatusCounts"/>).</summary>
public enum StatusCountsMode
{
    /// <summary>
    /// The default. Counts are kept from the table's change feed (its DynamoDB stream) by a projector that runs as an
    /// AWS Lambda on the stream (<see cref="TapkoProjectorFunction"/>) or as a hosted service
    /// (<c>services.AddTapkoProjector()</c>), and stored on the project's claim item. Writes touch no counter: a status
    /// move is one <c>UpdateItem</c> without a read, a delete one <c>DeleteItem</c>, a submit no counter.
    /// <see cref="IFeedbackStore.GetStatusCountsAsync"/> is one <c>GetItem</c> (at most 0.5 read units, whatever the
    /// project's shard count) whose result says how fresh it is (<see cref="FeedbackStatusCounts.AsOf"/>); it throws
    /// <see cref="StatusCountsUnavailableException"/> rather than return numbers no projector maintains.
    /// </summary>
    Streamed,

    /// <summary>
    /// Counters on the project item change in the same transaction as the change they count, so
    /// <see cref="IFeedbackStore.GetStatusCountsAsync"/> includes a caller's own write the moment the call returns. The
    /// price: a status move and a feedback delete become two-item transactions (about twice their write units, and the
    /// move reads its item back), <see cref="SubmitMode.ReadThenWrite"/> submits as <see cref="SubmitMode.Transactional"/>
    /// does, and concurrent writes to one project serialise on its counters. Not compatible with retention policies
    /// (DynamoDB's TTL removals are only seen on the change feed).
    /// </summary>
    Maintained,

    /// <summary>
    /// No counts are kept: status moves and deletes stay single requests. <see cref="IFeedbackStore.GetStatusCountsAsync"/>
    /// then counts with paged <c>COUNT</c> queries of the status index, whose cost grows with the project's items.
    /// </summary>
    None,
}
