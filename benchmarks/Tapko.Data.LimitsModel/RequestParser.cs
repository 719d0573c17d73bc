using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tapko.Data.LimitsModel;

/// <summary>
/// Reads from a request's DynamoDB JSON which partition keys it charges and which items it writes: <c>Key</c> or
/// <c>Item</c> of the single-item operations, each action of <c>TransactWriteItems</c> and <c>BatchWriteItem</c>,
/// the partition key's value in a <c>Query</c>'s key condition, and the index keys of an item written whole.
/// </summary>
public static partial class RequestParser
{
    private const double EventuallyConsistentRead = 0.5;

    /// <summary>Parses one request body of <paramref name="operation"/>.</summary>
    public static ModelledRequest Parse(string operation, string body, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return operation switch
        {
            "GetItem" => Read(operation, root, schema),
            "Query" => Query(root, schema),
            "PutItem" => SingleWrite(operation, root, schema, root.GetProperty("Item"), whole: true),
            "UpdateItem" or "DeleteItem" => SingleWrite(operation, root, schema, root.GetProperty("Key"), whole: false),
            "TransactWriteItems" => Transaction(root, schema),
            "BatchWriteItem" => Batch(root, schema),
            _ => ModelledRequest.Unlimited(operation),
        };
    }

    private static ModelledRequest Read(string operation, JsonElement root, TableSchema schema)
    {
        var table = root.GetProperty("TableName").GetString()!;
        var partition = KeyValue(root.GetProperty("Key"), schema.PartitionKey);
        return new ModelledRequest(operation, false, false, [], [new Charge(new PartitionRef(table, null, partition), false, ReadUnits(root))], 0);
    }

    private static ModelledRequest Query(JsonElement root, TableSchema schema)
    {
        var table = root.GetProperty("TableName").GetString()!;
        var index = root.TryGetProperty("IndexName", out var i) ? i.GetString() : null;
        var keyAttribute = index is null ? schema.PartitionKey
            : schema.IndexPartitionKeys.TryGetValue(index, out var a) ? a
            : throw new InvalidOperationException($"The schema names no partition key for index '{index}'.");
        var partition = QueryPartition(root, keyAttribute)
            ?? throw new InvalidOperationException($"No equality on '{keyAttribute}' in the key condition of a query on {table}.");
        return new ModelledRequest("Query", false, false, [], [new Charge(new PartitionRef(table, index, partition), false, ReadUnits(root))], 0);
    }

    private static ModelledRequest SingleWrite(string operation, JsonElement root, TableSchema schema, JsonElement keyOrItem, bool whole)
    {
        var table = root.GetProperty("TableName").GetString()!;
        var charges = new List<Charge>();
        var touch = Touch(0, table, keyOrItem, whole, schema, units: 1, charges);
        return new ModelledRequest(operation, true, false, [touch], charges, 1);
    }

    private static ModelledRequest Transaction(JsonElement root, TableSchema schema)
    {
        var items = new List<ItemTouch>();
        var charges = new List<Charge>();
        var actions = root.GetProperty("TransactItems");
        var n = 0;
        foreach (var action in actions.EnumerateArray())
        {
            // One of ConditionCheck, Put, Update, Delete; a Put carries the whole item, the others its key.
            var (kind, body) = action.EnumerateObject().Select(p => (p.Name, p.Value)).First();
            var whole = kind == "Put";
            var table = body.GetProperty("TableName").GetString()!;
            // Transactions do two underlying writes per item (prepare and commit): twice the units.
            items.Add(Touch(n++, table, body.GetProperty(whole ? "Item" : "Key"), whole, schema, units: 2, charges));
        }

        return new ModelledRequest("TransactWriteItems", true, true, items, charges, n);
    }

    private static ModelledRequest Batch(JsonElement root, TableSchema schema)
    {
        var items = new List<ItemTouch>();
        var charges = new List<Charge>();
        var n = 0;
        foreach (var table in root.GetProperty("RequestItems").EnumerateObject())
        {
            foreach (var write in table.Value.EnumerateArray())
            {
                var put = write.TryGetProperty("PutRequest", out var p);
                var keyOrItem = put ? p.GetProperty("Item") : write.GetProperty("DeleteRequest").GetProperty("Key");
                items.Add(Touch(n++, table.Name, keyOrItem, put, schema, units: 1, charges));
            }
        }

        return new ModelledRequest("BatchWriteItem", true, false, items, charges, n);
    }

    /// <summary>
    /// The item a write action touches and its charges: the table partition, and for a whole item each index it has
    /// keys for. An update or delete names only the key, so its index partitions are learnt from the answer.
    /// </summary>
    private static ItemTouch Touch(int action, string table, JsonElement keyOrItem, bool whole, TableSchema schema, int units, List<Charge> charges)
    {
        var partition = KeyValue(keyOrItem, schema.PartitionKey);
        var key = schema.SortKey is { } sortKey ? $"{table}\u0001{partition}\u0001{KeyValue(keyOrItem, sortKey)}" : $"{table}\u0001{partition}";
        var writeUnits = units * (whole ? ItemSizeEstimate.WriteUnits(ItemSizeEstimate.Bytes(keyOrItem)) : 1);
        charges.Add(new Charge(new PartitionRef(table, null, partition), true, writeUnits));
        if (whole)
        {
            foreach (var (index, attribute) in schema.IndexPartitionKeys)
            {
                if (keyOrItem.TryGetProperty(attribute, out var value))
                {
                    charges.Add(new Charge(new PartitionRef(table, index, Scalar(value)), true, writeUnits));
                }
            }
        }

        return new ItemTouch(action, table, key, partition);
    }

    private static double ReadUnits(JsonElement root) =>
        root.TryGetProperty("ConsistentRead", out var c) && c.ValueKind == JsonValueKind.True ? 1 : EventuallyConsistentRead;

    /// <summary>The value compared for equality with <paramref name="keyAttribute"/> in the key condition, if any.</summary>
    public static string? QueryPartition(JsonElement root, string keyAttribute)
    {
        var condition = root.GetProperty("KeyConditionExpression").GetString() ?? string.Empty;
        root.TryGetProperty("ExpressionAttributeNames", out var names);
        foreach (Match match in Equality().Matches(condition))
        {
            var name = match.Groups["name"].Value;
            var attribute = name.StartsWith('#') && names.ValueKind == JsonValueKind.Object && names.TryGetProperty(name, out var resolved)
                ? resolved.GetString()
                : name;
            if (attribute == keyAttribute)
            {
                return Scalar(root.GetProperty("ExpressionAttributeValues").GetProperty(match.Groups["value"].Value));
            }
        }

        return null;
    }

    /// <summary>A key attribute's value as text (S, N or B).</summary>
    public static string KeyValue(JsonElement keyOrItem, string attribute) =>
        keyOrItem.TryGetProperty(attribute, out var value)
            ? Scalar(value)
            : throw new InvalidOperationException($"The request's key has no '{attribute}'.");

    private static string Scalar(JsonElement typed)
    {
        var value = typed.EnumerateObject().First();
        return value.Value.GetString() ?? string.Empty;
    }

    [GeneratedRegex(@"(?<name>[#\w]+)\s*=\s*(?<value>:\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Equality();
}
