using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.LimitsModel;

/// <summary>The key attributes the model reads from requests: the table's keys and each index's partition key.</summary>
/// <param name="PartitionKey">The table's partition key attribute.</param>
/// <param name="SortKey">The table's sort key attribute, or <see langword="null"/> for a hash-only table.</param>
/// <param name="IndexPartitionKeys">Global secondary index name to its partition key attribute.</param>
public sealed record TableSchema(string PartitionKey, string? SortKey, IReadOnlyDictionary<string, string> IndexPartitionKeys)
{
    /// <summary>Tapko.Data's table: <c>PK</c>/<c>SK</c> and <c>GSI1</c> on <c>GSI1PK</c> (pinned by the model's tests against <c>TapkoTable</c>).</summary>
    public static TableSchema Tapko { get; } = new("PK", "SK", new Dictionary<string, string>(StringComparer.Ordinal) { ["GSI1"] = "GSI1PK" });

    /// <summary>The schema of a table as its create request declares it.</summary>
    public static TableSchema From(CreateTableRequest table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var indexes = (table.GlobalSecondaryIndexes ?? []).ToDictionary(
            i => i.IndexName,
            i => i.KeySchema.Single(k => k.KeyType == KeyType.HASH).AttributeName,
            StringComparer.Ordinal);
        return new TableSchema(
            table.KeySchema.Single(k => k.KeyType == KeyType.HASH).AttributeName,
            table.KeySchema.SingleOrDefault(k => k.KeyType == KeyType.RANGE)?.AttributeName,
            indexes);
    }
}
