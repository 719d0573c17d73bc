using System.Globalization;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// The projector's report of itself, one item per table (<c>TAPKO</c> / <c>FEED#HEARTBEAT</c>): when it last reported
/// and how far behind the table's changes it was then. A count read trusts streamed counts only while this is recent.
/// </summary>
/// <param name="ReportedAt">When the projector wrote the report (its own clock).</param>
/// <param name="Lag">How old the newest change it had to apply was; zero when it had read everything there was.</param>
/// <param name="Host">Which projector: <c>hosted</c> or <c>lambda</c>.</param>
internal sealed record Heartbeat(DateTimeOffset ReportedAt, TimeSpan Lag, string Host)
{
    public const string ItemName = "HEARTBEAT";

    /// <summary>The item a Lambda's scheduled tick writes; its stream record, applied by the projector, proves the feed flows.</summary>
    public const string CanaryName = "CANARY";

    private const string HostAttribute = "host";
    private const string LagAttribute = "lagMs";
    private const string ReportedAttribute = "reportedAt";

    /// <summary>Every change up to this time is applied.</summary>
    public DateTimeOffset Watermark => ReportedAt - Lag;

    public static Heartbeat? FromItem(Dictionary<string, AttributeValue>? item) =>
        item?.GetValueOrDefault(ReportedAttribute)?.S is { } at && DynamoJson.Long(item.GetValueOrDefault(LagAttribute)) is { } lag
            ? new Heartbeat(Timestamps.Parse(at), TimeSpan.FromMilliseconds(lag), item.GetValueOrDefault(HostAttribute)?.S ?? "?")
            : null;

    public UpdateItemRequest ToRequest(string table) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Feed(ItemName)),
        UpdateExpression = "SET #type = :type, #at = :at, #lag = :lag, #host = :host",
        ExpressionAttributeNames = new() { ["#type"] = A.EntityType, ["#at"] = ReportedAttribute, ["#lag"] = LagAttribute, ["#host"] = HostAttribute },
        ExpressionAttributeValues = new()
        {
            [":type"] = new() { S = EntityTypes.FeedHeartbeat },
            [":at"] = new() { S = Timestamps.Format(ReportedAt) },
            [":lag"] = new() { N = ((long)Math.Max(0, Lag.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) },
            [":host"] = new() { S = Host },
        },
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    public static GetItemRequest Read(string table) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Feed(ItemName)),
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>The canary write: its own time, which comes back through the stream.</summary>
    public static UpdateItemRequest Canary(string table, DateTimeOffset now) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Feed(CanaryName)),
        UpdateExpression = "SET #type = :type, #at = :at",
        ExpressionAttributeNames = new() { ["#type"] = A.EntityType, ["#at"] = ReportedAttribute },
        ExpressionAttributeValues = new() { [":type"] = new() { S = EntityTypes.FeedCanary }, [":at"] = new() { S = Timestamps.Format(now) } },
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>When the canary in <paramref name="record"/> was written, if it is the canary's record.</summary>
    public static DateTimeOffset? CanaryTime(ChangeRecord record) =>
        record.NewImage?.GetValueOrDefault(A.EntityType)?.S == EntityTypes.FeedCanary
        && record.NewImage.GetValueOrDefault(ReportedAttribute)?.S is { } at
            ? Timestamps.Parse(at)
            : null;
}
