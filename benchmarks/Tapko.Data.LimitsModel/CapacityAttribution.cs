using System.Text.Json;

namespace Tapko.Data.LimitsModel;

/// <summary>
/// Turns the <c>ConsumedCapacity</c> of an answer (the library always asks for <c>INDEXES</c>) into charges per
/// partition key. DynamoDB reports units per table and per index, not per key, so units of a table or index that a
/// request charged on several keys are shared out in proportion to the request's own estimates.
/// </summary>
public static class CapacityAttribution
{
    /// <summary>Units the answer reports, per table (index <see langword="null"/>) and per index.</summary>
    public static Dictionary<(string Table, string? Index), double> Reported(JsonElement answer)
    {
        var units = new Dictionary<(string, string?), double>();
        if (!answer.TryGetProperty("ConsumedCapacity", out var consumed))
        {
            return units;
        }

        foreach (var entry in consumed.ValueKind == JsonValueKind.Array ? consumed.EnumerateArray().ToArray() : [consumed])
        {
            var table = entry.GetProperty("TableName").GetString()!;
            var indexTotal = 0.0;
            if (entry.TryGetProperty("GlobalSecondaryIndexes", out var indexes))
            {
                foreach (var index in indexes.EnumerateObject())
                {
                    var n = index.Value.GetProperty("CapacityUnits").GetDouble();
                    units[(table, index.Name)] = units.GetValueOrDefault((table, index.Name)) + n;
                    indexTotal += n;
                }
            }

            // With INDEXES the table's own share is given; with TOTAL only the sum, of which the table is the rest.
            var own = entry.TryGetProperty("Table", out var t) ? t.GetProperty("CapacityUnits").GetDouble()
                : entry.TryGetProperty("CapacityUnits", out var total) ? total.GetDouble() - indexTotal
                : 0;
            units[(table, null)] = units.GetValueOrDefault((table, null)) + own;
        }

        return units;
    }

    /// <summary>
    /// The charges <paramref name="request"/> really made, by the answer. Index units of an update or delete (whose
    /// request names no index key) go to the index key in the answer's attributes when it returns them, otherwise to
    /// the item's table partition value: in Tapko.Data's schema an item's GSI1PK always equals its PK.
    /// </summary>
    public static List<Charge> Attribute(ModelledRequest request, JsonElement answer, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(schema);
        var charges = new List<Charge>();
        foreach (var ((table, index), units) in Reported(answer))
        {
            if (units <= 0)
            {
                continue;
            }

            var estimated = request.Charges.Where(c => c.Partition.Table == table && c.Partition.Index == index).ToList();
            if (estimated.Count > 0)
            {
                var sum = estimated.Sum(c => c.Units);
                charges.AddRange(estimated.Select(c => c with { Units = units * c.Units / sum }));
                continue;
            }

            if (index is null || !schema.IndexPartitionKeys.TryGetValue(index, out var attribute))
            {
                continue;
            }

            var returned = answer.TryGetProperty("Attributes", out var attributes) && attributes.TryGetProperty(attribute, out var value)
                ? RequestParser.KeyValue(attributes, attribute)
                : null;
            var touched = request.Items.Where(i => i.Table == table).ToList();
            var partitions = returned is not null ? [returned] : touched.Select(i => i.Partition).ToList();
            charges.AddRange(partitions.Select(p => new Charge(new PartitionRef(table, index, p), request.IsWrite, units / partitions.Count)));
        }

        return charges;
    }
}
