namespace Tapko.Data.Schema;

/// <summary>The table's own key: string <c>PK</c> and <c>SK</c>. Its key templates are <see cref="TapkoKeys"/>.</summary>
internal static class PrimaryIndex
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";

    /// <summary>A key as the request attributes of <c>Key</c> or <c>ExclusiveStartKey</c>.</summary>
    public static Dictionary<string, AttributeValue> Key(TapkoItemKey key) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new() { S = key.PartitionKey },
        [SortKey] = new() { S = key.SortKey },
    };
}
