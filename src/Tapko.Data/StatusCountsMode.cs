namespace Tapko.Data;

/// <summary>Whether the stores keep exact per-status counts of each project's feedback (<see cref="TapkoStoreOptions.StatusCounts"/>).</summary>
public enum StatusCountsMode
{
    /// <summary>
    /// Counters on the project item change in the same transaction as the change they count, so
    /// <see cref="IFeedbackStore.GetStatusCountsAsync"/> is one <c>GetItem</c> of at most 0.5 read units and always exact.
    /// A submission's transaction already touches the project item, so it costs nothing more; a status move and a
    /// feedback delete become two-item transactions (about twice their write units), and
    /// <see cref="SubmitMode.ReadThenWrite"/> submits as <see cref="SubmitMode.Transactional"/> does, since a count must
    /// change with the item it counts.
    /// </summary>
    Maintained,

    /// <summary>
    /// No counters: status moves and deletes stay single requests at their floor. <see cref="IFeedbackStore.GetStatusCountsAsync"/>
    /// then counts with paged <c>COUNT</c> queries of the status index, whose cost grows with the project's items.
    /// </summary>
    None,
}
