namespace Tapko.Data;

/// <summary>A partition key and sort key pair, as built by <see cref="TapkoKeys"/>.</summary>
/// <param name="PartitionKey">The partition-key value.</param>
/// <param name="SortKey">The sort-key value.</param>
public readonly record struct TapkoItemKey(string PartitionKey, string SortKey);
