using Amazon.DynamoDBv2.Model;
using R = Tapko.Data.Benchmarks.Capacity.CapacityRules;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// What today's defaults (<c>StatusCounts = Streamed</c>, status index <c>Rows</c>) and the recommended profile
/// (the same with <c>SubmitMode = CachedCheck</c>) cost by DynamoDB's rules, one line per request the library sends, like
/// <see cref="CostModel"/>. An index entry weighs what the index keeps of the item: the table's and the index's keys
/// and the projected attributes.
/// </summary>
public static class RowsCostModel
{
    private static readonly HashSet<string> EntryAttributes =
    [
        PrimaryIndex.PartitionKey, PrimaryIndex.SortKey, StatusIndex.PartitionKey, StatusIndex.SortKey,
        .. StatusIndex.ProjectionOf(StatusIndexProjection.Rows).NonKeyAttributes,
    ];

    /// <summary>The item as the status index's <c>Rows</c> projection stores it.</summary>
    public static Dictionary<string, AttributeValue> RowEntry(Dictionary<string, AttributeValue> item) =>
        item.Where(a => EntryAttributes.Contains(a.Key)).ToDictionary(StringComparer.Ordinal);

    /// <summary>A transactional submit with streamed counts: a ConditionCheck on the project and a Put of the feedback, each billed twice, and its row entry.</summary>
    public static Units TransactionalSubmit(int projectBytes, int feedbackBytes, int entryBytes) =>
        Units.TableWrites(R.TransactionalWrite(projectBytes) + R.TransactionalWrite(feedbackBytes)) + Units.IndexWrites(R.TransactionalWrite(entryBytes));

    /// <summary>A submit with the project's state cached: one conditional PutItem of the feedback and its row entry.</summary>
    public static Units CachedCheckSubmit(int feedbackBytes, int entryBytes) =>
        Units.TableWrites(R.Write(feedbackBytes)) + Units.IndexWrites(R.Write(entryBytes));

    /// <summary>A streamed move: one UpdateItem; the row entry is deleted and put again (its key holds the status).</summary>
    public static Units Move(int oldBytes, int newBytes, int oldEntryBytes, int newEntryBytes) =>
        Units.TableWrites(R.Write(Math.Max(oldBytes, newBytes))) + Units.IndexWrites(R.Write(oldEntryBytes) + R.Write(newEntryBytes));

    /// <summary>A feedback delete with streamed counts: one DeleteItem of the item and its row entry.</summary>
    public static Units Delete(int feedbackBytes, int entryBytes) => Units.TableWrites(R.Write(feedbackBytes)) + Units.IndexWrites(R.Write(entryBytes));

    /// <summary>A page of rows of one status: one Query of the status index reading exactly the page's entries.</summary>
    public static Units RowsPage(IReadOnlyList<int> entryBytes, IReadOnlyList<SizedItem> page)
    {
        var floor = R.Read(entryBytes.Sum());
        return Units.IndexReads(floor).WithFloors(floor, R.Read(page.Sum(i => i.NeutralBytes)));
    }

    /// <summary>
    /// A page of whole feedback of one status on the rows projection: the rows Query, then one BatchGetItem of the
    /// page's items, eventually consistent, each item rounded to 4 KB on its own.
    /// </summary>
    public static Units FullItemsPage(IReadOnlyList<int> entryBytes, IReadOnlyList<SizedItem> page) =>
        (Units.IndexReads(R.Read(entryBytes.Sum())) + Units.TableReads(page.Sum(i => R.Read(i.Bytes))))
            .WithFloors(R.Read(page.Sum(i => i.Bytes)), R.Read(page.Sum(i => i.NeutralBytes)));
}
