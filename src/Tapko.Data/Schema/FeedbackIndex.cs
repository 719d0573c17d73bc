namespace Tapko.Data.Schema;

/// <summary>
/// An index a page of one project's feedback is read from: the table itself, by id (<see cref="ByCreation"/>), or the
/// status index within one status (<see cref="StatusIndex"/>). Each declares once how its keys bound a page, a
/// created-at range and a resume position, so a listing never branches on which index it reads.
/// </summary>
internal abstract class FeedbackIndex
{
    /// <summary>The table's own key, feedback ordered by id (a ULID, so by creation time).</summary>
    public static FeedbackIndex ByCreation { get; } = new TableOrder();

    /// <summary>The index name for the request, or <see langword="null"/> for the table itself.</summary>
    public abstract string? IndexName { get; }

    public abstract string PartitionKeyAttribute { get; }

    public abstract string SortKeyAttribute { get; }

    /// <summary>How a continuation token names this index and its status (part of the query it is bound to).</summary>
    public abstract (string Index, string Status) Binding { get; }

    /// <summary>Every sort key of the page's items starts with this.</summary>
    public abstract string SortKeyPrefix { get; }

    /// <summary>Whether reads may be strongly consistent (a global index offers only eventual consistency).</summary>
    public abstract bool AllowsConsistentReads { get; }

    /// <summary>
    /// Inclusive sort-key bounds selecting exactly the items created from <paramref name="from"/> to <paramref name="to"/>;
    /// an open end reaches the epoch or the latest time an id can carry.
    /// </summary>
    public (string From, string To) CreatedBetween(DateTimeOffset? from, DateTimeOffset? to) =>
        Bounds(from ?? DateTimeOffset.UnixEpoch, to ?? LatestIdTime);

    /// <summary>
    /// The <c>ExclusiveStartKey</c> that resumes a page after the item <paramref name="last"/>: in its own shard, or in
    /// <paramref name="shard"/> when a merged read resumes every shard from one position.
    /// </summary>
    public abstract Dictionary<string, AttributeValue> StartAfter(ProjectId project, FeedbackId last, ShardLayout shards, int? shard);

    /// <summary>
    /// The order of a merged read of a sharded project (oldest first; a newest-first read reverses it): the table's by
    /// id, which is total. See <see cref="StatusIndex"/> for the status index's.
    /// </summary>
    public virtual int MergeOrder(FeedbackId a, FeedbackId b, ShardLayout shards) => a.CompareTo(b);

    /// <summary>
    /// How shard <paramref name="shard"/> resumes a merged read after <paramref name="last"/>: the item to start after in
    /// it and the range to read, or <see langword="null"/> when nothing of the shard can follow. On the table every
    /// shard starts after the id itself (an <c>ExclusiveStartKey</c> the shard need not hold: keys are ordered by id).
    /// </summary>
    public virtual (FeedbackId? StartAfter, FeedbackQuery Range)? ResumeShard(FeedbackQuery query, FeedbackId last, ShardLayout shards,
        int shard) => (last, query);

    /// <summary>The open upper end of a range: late enough for any id, early enough to add a day to.</summary>
    private static readonly DateTimeOffset LatestIdTime = DateTimeOffset.MaxValue.AddDays(-1);

    protected abstract (string From, string To) Bounds(DateTimeOffset from, DateTimeOffset to);

    private sealed class TableOrder : FeedbackIndex
    {
        public override string? IndexName => null;

        public override string PartitionKeyAttribute => PrimaryIndex.PartitionKey;

        public override string SortKeyAttribute => PrimaryIndex.SortKey;

        public override (string Index, string Status) Binding => ("table", "-");

        public override string SortKeyPrefix => TapkoKeys.FeedbackSortKeyPrefix;

        public override bool AllowsConsistentReads => true;

        // A ULID's leading characters are its timestamp, so the smallest and largest ids of the range's ends select it exactly.
        protected override (string From, string To) Bounds(DateTimeOffset from, DateTimeOffset to) =>
            (TapkoKeys.FeedbackSortKey(FeedbackId.MinAt(from)), TapkoKeys.FeedbackSortKey(FeedbackId.MaxAt(to)));

        public override Dictionary<string, AttributeValue> StartAfter(ProjectId project, FeedbackId last, ShardLayout shards, int? shard) =>
            PrimaryIndex.Key(new TapkoItemKey(shards.Partition(project, shard ?? shards.ShardOf(last)), TapkoKeys.FeedbackSortKey(last)));
    }
}
