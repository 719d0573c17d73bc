using System.Globalization;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// The hosted projector's own items in the table: the lease that makes one instance per table read the stream
/// (<c>FEED#LEASE</c>), and one checkpoint per stream shard (<c>FEED#SHARD#&lt;shard id&gt;</c>) saying how far it is
/// applied, so a restart resumes there. A finished shard's checkpoint expires two days after (the stream keeps 24 hours).
/// </summary>
internal static class FeedBookkeeping
{
    private const string LeaseName = "LEASE";
    private const string ShardPrefix = "SHARD#";
    private const string HolderAttribute = "holder";
    private const string ExpiresAttribute = "leaseExpiresAt";
    private const string SequenceAttribute = "sequenceNumber";
    private const string FinishedAttribute = "finished";

    /// <summary>Takes or renews the lease for <paramref name="holder"/> until <paramref name="until"/>, if it is free, expired or already theirs.</summary>
    public static UpdateItemRequest Lease(string table, string holder, DateTimeOffset now, DateTimeOffset until) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Feed(LeaseName)),
        UpdateExpression = "SET #type = :type, #holder = :holder, #expires = :until",
        ConditionExpression = "attribute_not_exists(#holder) OR #holder = :holder OR #expires < :now",
        ExpressionAttributeNames = new() { ["#type"] = A.EntityType, ["#holder"] = HolderAttribute, ["#expires"] = ExpiresAttribute },
        ExpressionAttributeValues = new()
        {
            [":type"] = new() { S = EntityTypes.FeedLease },
            [":holder"] = new() { S = holder },
            [":until"] = new() { N = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            [":now"] = new() { N = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        },
        ReturnValues = ReturnValue.ALL_OLD,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>Whether a lease answer shows the lease changed hands (a checkpoint held in memory may then be behind).</summary>
    public static bool WasSomeoneElses(Dictionary<string, AttributeValue>? before, string holder) =>
        before?.GetValueOrDefault(HolderAttribute)?.S is { } previous && previous != holder;

    /// <summary>Records that <paramref name="shardId"/> is applied up to <paramref name="sequenceNumber"/> (and, if <paramref name="finished"/>,
    /// read to its end).</summary>
    public static PutItemRequest Checkpoint(string table, string shardId, string? sequenceNumber, bool finished, DateTimeOffset now)
    {
        var key = TapkoKeys.Feed(ShardPrefix + shardId);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [A.EntityType] = new() { S = EntityTypes.FeedCheckpoint },
            [FinishedAttribute] = new() { BOOL = finished },
            [A.UpdatedAt] = new() { S = Timestamps.Format(now) },
        };
        if (sequenceNumber is not null)
        {
            item[SequenceAttribute] = new() { S = sequenceNumber };
        }

        if (finished)
        {
            item[A.Ttl] = Expiry.ToAttribute(now.AddDays(2));
        }

        return new PutItemRequest { TableName = table, Item = item, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES };
    }

    /// <summary>Every checkpoint: one strongly consistent Query of the bookkeeping partition.</summary>
    public static QueryRequest Checkpoints(string table, Dictionary<string, AttributeValue>? start)
    {
        var key = TapkoKeys.Feed(ShardPrefix);
        return new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#sk"] = PrimaryIndex.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = new() { S = key.PartitionKey }, [":prefix"] = new() { S = key.SortKey } },
            ExclusiveStartKey = start,
            ConsistentRead = true,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };
    }

    /// <summary>A checkpoint item read back: its shard, last applied sequence number, and whether the shard is finished.</summary>
    public static (string ShardId, string? Sequence, bool Finished) Read(Dictionary<string, AttributeValue> item) =>
        (item[PrimaryIndex.SortKey].S[(TapkoKeys.Feed(ShardPrefix).SortKey.Length)..],
         item.GetValueOrDefault(SequenceAttribute)?.S,
         item.GetValueOrDefault(FinishedAttribute)?.BOOL == true);
}
