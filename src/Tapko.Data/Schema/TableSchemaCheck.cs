namespace Tapko.Data.Schema;

/// <summary>
/// Compares a described table with the library's definition (<see cref="TapkoTable.BuildCreateTableRequest"/>), for
/// <see cref="TapkoTable.EnsureTableAsync"/> and <see cref="TapkoTable.VerifyAsync"/>: one place that knows what must match.
/// </summary>
internal static class TableSchemaCheck
{
    /// <summary>How <paramref name="table"/>'s keys and status index differ from the definition; empty when they match.</summary>
    public static List<string> Differences(TableDescription table, StatusIndexProjection projection)
    {
        // The schema does not depend on the name; any valid one builds the definition to compare with.
        var expected = TapkoTable.BuildCreateTableRequest(TapkoStoreOptions.DefaultTableName, projection: projection);
        var differences = new List<string>();

        var keys = KeysText(table.KeySchema);
        if (keys != KeysText(expected.KeySchema))
        {
            differences.Add($"Its key schema is {keys}; the library needs {KeysText(expected.KeySchema)}.");
        }

        var expectedIndex = expected.GlobalSecondaryIndexes[0];
        var index = table.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == expectedIndex.IndexName);
        if (index is null)
        {
            differences.Add($"It has no index {expectedIndex.IndexName}.");
        }
        else
        {
            var indexKeys = KeysText(index.KeySchema);
            if (indexKeys != KeysText(expectedIndex.KeySchema))
            {
                differences.Add($"Index {expectedIndex.IndexName} has keys {indexKeys}; the library needs {KeysText(expectedIndex.KeySchema)}.");
            }

            var projected = Describe(index.Projection);
            if (projected != Describe(expectedIndex.Projection))
            {
                differences.Add($"Index {expectedIndex.IndexName} projects {projected}; the library needs {Describe(expectedIndex.Projection)}.");
            }
        }

        // Only key attributes are declared on a table, so these are exactly the four the definition declares.
        foreach (var definition in expected.AttributeDefinitions)
        {
            var actual = table.AttributeDefinitions?.FirstOrDefault(a => a.AttributeName == definition.AttributeName);
            if (actual is not null && actual.AttributeType != definition.AttributeType)
            {
                differences.Add(
                    $"Key attribute {definition.AttributeName} is of type {actual.AttributeType?.Value}; the library needs {definition.AttributeType.Value}.");
            }
        }

        return differences;
    }

    private static string Describe(Projection? projection) =>
        projection?.ProjectionType is not { } type ? "nothing"
        : type == ProjectionType.INCLUDE ? $"INCLUDE ({string.Join(", ", (projection.NonKeyAttributes ?? []).Order(StringComparer.Ordinal))})"
        : type.Value;

    private static string KeysText(List<KeySchemaElement>? schema) =>
        schema is null or { Count: 0 }
            ? "(none)"
            : string.Join(", ", schema.OrderBy(k => k.KeyType == KeyType.HASH ? 0 : 1).Select(k => $"{k.KeyType?.Value} {k.AttributeName}"));
}
