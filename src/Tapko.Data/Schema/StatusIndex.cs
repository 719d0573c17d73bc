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

    /// <summary>
    /// What the index projects: every attribute, or what a triage row (<see cref="FeedbackRow"/>) needs and what every
    /// read checks (owner, life, expiry). DynamoDB always adds the table's and the index's keys.
    /// </summary>
    public static Projection ProjectionOf(StatusIndexProjection projection) => projection == StatusIndexProjection.Full
        ? new Projection { ProjectionType = ProjectionType.ALL }
        : new Projection
        {
            ProjectionType = ProjectionType.INCLUDE,
            NonKeyAttributes =
            [
                AttributeNames.EntityType, AttributeNames.UserId, AttributeNames.ProjectId, AttributeNames.FeedbackId,
                AttributeNames.Status, AttributeNames.CreatedAt, AttributeNames.UpdatedAt, AttributeNames.Preview,
                AttributeNames.Truncated, AttributeNames.Incarnation, AttributeNames.Ttl,
            ],
        };

    /// <summary>The index read for one status.</summary>
    public static StatusIndex For(FeedbackStatus status) => Statuses[status];

    /// <summary>The index key of a feedback item: <c>PROJECT#&lt;projectId&gt;</c> and <c>STATUS#&lt;status&gt;#&lt;createdAt&gt;</c>.</summary>
    public static TapkoItemKey KeyOf(ProjectId projectId, FeedbackStatus status, FeedbackId feedbackId, ShardLayout shards) =>
        new(shards.Partition(projectId, shards.ShardOf(feedbackId)), SortKeyOf(status, feedbackId.CreatedAt));

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
    /// Merged order on the status index: by created-at, then by shard number. Items of one status created in the same
    /// millisecond share their index sort key, and DynamoDB does not say in which order it returns such ties (DynamoDB
    /// Local returns them in insertion order, not by table key): so ties keep each shard's own order, and ties across
    /// shards go by shard. The unsharded order of ties is DynamoDB's own too; only ties can differ between the two.
    /// </summary>
    public override int MergeOrder(FeedbackId a, FeedbackId b, ShardLayout shards)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : shards.ShardOf(a).CompareTo(shards.ShardOf(b));
    }

    /// <summary>
    /// The last item's own shard resumes from its real key. Every other shard resumes by created-at alone: a shard whose
    /// ties with the last item come before it (a lower shard number, or higher when newest first) has returned them all,
    /// so it reads strictly after that millisecond; a later shard has returned none, so it reads from that millisecond on.
    /// </summary>
    public override (FeedbackId? StartAfter, FeedbackQuery Range)? ResumeShard(FeedbackQuery query, FeedbackId last, ShardLayout shards, int shard)
    {
        var own = shards.ShardOf(last);
        if (shard == own)
        {
            return (last, query);
        }

        var newestFirst = query.Order == SortOrder.NewestFirst;
        var before = newestFirst ? shard > own : shard < own;
        var step = TimeSpan.FromMilliseconds(before ? 1 : 0);
        var range = newestFirst
            ? query with { CreatedTo = last.CreatedAt - step }
            : query with { CreatedFrom = last.CreatedAt + step };
        return range.CreatedFrom is { } from && range.CreatedTo is { } to && from > to ? null : (null, range);
    }

    /// <summary>A global index resumes from its own key and the table's key of the last item.</summary>
    public override Dictionary<string, AttributeValue> StartAfter(ProjectId project, FeedbackId last, ShardLayout shards, int? shard)
    {
        var partition = shards.Partition(project, shard ?? shards.ShardOf(last));
        var start = PrimaryIndex.Key(new TapkoItemKey(partition, TapkoKeys.FeedbackSortKey(last)));
        start[PartitionKey] = new() { S = partition };
        start[SortKey] = new() { S = SortKeyOf(status, last.CreatedAt) };
        return start;
    }

    private static string PrefixOf(FeedbackStatus status) => StatusPrefix + status.ToWireName() + "#";
}
