namespace Tapko.Data.ChangeFeed;

/// <summary>One shard of a table's stream, as <c>DescribeStream</c> lists it.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="ParentShardId">The shard it split from, whose records come first; <see langword="null"/> for none.</param>
internal sealed record StreamShard(string ShardId, string? ParentShardId);

/// <summary>
/// Which shards may be read now. DynamoDB orders the changes of one item across a shard split: all of the parent's
/// come before any of its children's. So a shard is read only once its parent is read to its end (or is gone from the
/// stream, trimmed after 24 hours), which keeps every item's changes, and every partition's positions, in order.
/// </summary>
internal static class ShardLineage
{
    /// <summary>The shards of <paramref name="shards"/> to read now, parents before children; <paramref name="finished"/> are read to their end.</summary>
    public static List<StreamShard> Ready(IReadOnlyList<StreamShard> shards, IReadOnlySet<string> finished)
    {
        var listed = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        return [.. shards.Where(s => !finished.Contains(s.ShardId)
            && (s.ParentShardId is not { } parent || !listed.Contains(parent) || finished.Contains(parent)))];
    }
}
