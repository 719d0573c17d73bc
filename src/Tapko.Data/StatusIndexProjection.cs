namespace Tapko.Data;

/// <summary>
/// What the status index (<c>GSI1</c>) carries of each feedback item (<see cref="TapkoStoreOptions.StatusIndexProjection"/>):
/// part of the table's definition, so the table must be created (or its index re-created) to match.
/// </summary>
public enum StatusIndexProjection
{
    /// <summary>
    /// The default: what a triage row shows (<see cref="FeedbackRow"/>: ids, status, times and the first
    /// <see cref="FeedbackRow.PreviewLength"/> characters of the message), about a third of an item. Every status move
    /// deletes and re-puts the item's index entry (its key holds the status), and a small entry makes that one write
    /// unit each instead of two or three; a row page reads a third of the units. <see cref="IFeedbackStore.ListRowsByStatusAsync"/>
    /// is one small Query; <see cref="IFeedbackStore.ListByStatusAsync"/> reads the rows and then the full items
    /// (one <c>BatchGetItem</c>, half a read unit per item).
    /// </summary>
    Rows,

    /// <summary>
    /// Every attribute (<c>ALL</c>): a status page is whole feedback from one Query, but every move and every submit
    /// writes the whole item into the index as well.
    /// </summary>
    Full,
}
