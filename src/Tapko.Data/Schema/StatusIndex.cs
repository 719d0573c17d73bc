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
    public static TapkoItemKey KeyOf(ProjectId projectId, FeedbackStatus status, FeedbackId feedbackId) =>
        new(TapkoKeys.FeedbackPartition(projectId), SortKeyOf(status, feedbackId.CreatedAt));

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

    /// <summary>A global index resumes from its own key and the table's key of the last item.</summary>
    public override Dictionary<string, AttributeValue> StartAfter(ProjectId project, FeedbackId last)
    {
        var start = PrimaryIndex.Key(TapkoKeys.Feedback(project, last));
        var key = KeyOf(project, status, last);
        start[PartitionKey] = new() { S = key.PartitionKey };
        start[SortKey] = new() { S = key.SortKey };
        return start;
    }

    private static string PrefixOf(FeedbackStatus status) => StatusPrefix + status.ToWireName() + "#";
}
