namespace Tapko.Data.Schema;

/// <summary>A partition key and sort key pair, as built by <see cref="TapkoKeys"/> or an index declaration.</summary>
/// <param name="PartitionKey">The partition-key value.</param>
/// <param name="SortKey">The sort-key value.</param>
internal readonly record struct TapkoItemKey(string PartitionKey, string SortKey);
