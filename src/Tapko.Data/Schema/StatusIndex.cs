using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Schema;

/// <summary>
/// The declaration of the status index, <c>GSI1</c>: its name, key attributes and key templates
/// (<c>PROJECT#&lt;projectId&gt;</c>, <c>STATUS#&lt;status&gt;#&lt;createdAt&gt;</c>), and how one status's page, range and
/// resume position are bounded. Sparse: only feedback carries its keys. Changing its sort key means changing this file.
/// </summary>
internal sealed class StatusIndex : FeedbackIndex
{
    public const string Name = "GSI1";
    public const string PartitionKey = "GSI1PK";
    public const string SortKey = "GSI1SK";

    private const string StatusPrefix = "STATUS#";

    private static readonly Dictionary<FeedbackStatus, StatusIndex> Statuses =
        Enum.GetValues<FeedbackStatus>().ToDictionary(s => s, s => new StatusIndex(s));

    private readonly FeedbackStatus status;

    private StatusIndex(FeedbackStatus status) => this.status = status;

    /// <summary>The index read for one status.</summary>
    public static StatusIndex For(FeedbackStatus status) => Statuses[status];

    /// <summary>The index key of a feedback item: <c>PROJECT#&lt;projectId&gt;</c> and <c>STATUS#&lt;status&gt;#&lt;createdAt&gt;</c>.</summary>
    public static TapkoItemKey KeyOf(ProjectId projectId, FeedbackStatus status, FeedbackId feedbackId, ShardLayout shards = default) =>
        new(TapkoKeys.FeedbackPartition(projectId, shards, shards.ShardOf(feedbackId)), SortKeyOf(status, feedbackId.CreatedAt));

    /// <summary><c>STATUS#&lt;status&gt;#&lt;createdAt&gt;</c>; fixed-width times, so string order is time order.</summary>
    public static string SortKeyOf(FeedbackStatus status, DateTimeOffset createdAt) =>
        PrefixOf(status) + Timestamps.Format(createdAt);

    public override string? IndexName => Name;

    public override string PartitionKeyAttribute => PartitionKey;

    public override string SortKeyAttribute => SortKey;

    public override (string Index, string Status) Binding => (Name, status.ToWireName());

    public override string SortKeyPrefix => PrefixOf(status);

    public override bool AllowsConsistentReads => false;

    // The created-at part of the sort key bounds the range exactly.
    protected override (string From, string To) Bounds(DateTimeOffset from, DateTimeOffset to) =>
        (SortKeyOf(status, from), SortKeyOf(status, to));

    /// <summary>
    /// A global index resumes from its own key and the table's key of the last item. In a merged read of a sharded
    /// project the key is rebuilt in <paramref name="shard"/>'s partition, where the item need not be: each shard orders
    /// one status by created-at, then (its partition key being one value) by id, the same order as the merge.
    /// </summary>
    public override Dictionary<string, AttributeValue> StartAfter(ProjectId project, FeedbackId last, ShardLayout shards = default, int? shard = null)
    {
        var partition = TapkoKeys.FeedbackPartition(project, shards, shard ?? shards.ShardOf(last));
        var start = PrimaryIndex.Key(new TapkoItemKey(partition, TapkoKeys.FeedbackSortKey(last)));
        start[PartitionKey] = new() { S = partition };
        start[SortKey] = new() { S = SortKeyOf(status, last.CreatedAt) };
        return start;
    }

    private static string PrefixOf(FeedbackStatus status) => StatusPrefix + status.ToWireName() + "#";
}
