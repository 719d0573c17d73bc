using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using R = Tapko.Data.Benchmarks.Capacity.CapacityRules;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Probes DynamoDB Local where it is known to go wrong (transactions, batch deletes of missing keys, deletes of
/// missing items) with items of known size, next to what the documented rules give. The access-pattern rows are
/// checked the same way; this shows what the instrument does outside them, so a clean flag column is understood.
/// </summary>
public static class InstrumentCheck
{
    private const string Table = "instrument-check";

    public static async Task<string> RunAsync(IAmazonDynamoDB client, string artifactsPath)
    {
        await TapkoTable.EnsureTableAsync(client, Table, projection: StatusIndexProjection.Full).ConfigureAwait(false);
        var rows = new List<(string Case, Units Rules, Units Local)>();
        var big = Item("big", 3_000);
        var bigBytes = ItemSize.Of(big);
        var project = new Dictionary<string, AttributeValue>
        {
            ["PK"] = S("USER#probe"), ["SK"] = S("PROJECT#probe"), ["isCollectingFeedback"] = new() { BOOL = true },
        };
        var projectBytes = ItemSize.Of(project);
        await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = project }).ConfigureAwait(false);

        var put = await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = big, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES }).ConfigureAwait(false);
        rows.Add(($"PutItem, {bigBytes:N0} B item with index keys", new Units(0, R.Write(bigBytes), 0, R.Write(bigBytes)), Of(put.ConsumedCapacity)));

        var fresh = Item("fresh", 3_000);
        var transact = await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            TransactItems =
            [
                new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = Table, Key = Key(project), ConditionExpression = "attribute_exists(PK)" } },
                new TransactWriteItem { Put = new Put { TableName = Table, Item = fresh } },
            ],
        }).ConfigureAwait(false);
        rows.Add(($"TransactWriteItems: ConditionCheck ({projectBytes} B) + Put ({bigBytes:N0} B)",
            new Units(0, R.TransactionalWrite(projectBytes) + R.TransactionalWrite(bigBytes), 0, R.TransactionalWrite(bigBytes)), Of(transact.ConsumedCapacity)));

        var transactUpdate = await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            TransactItems =
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = Table, Key = Key(fresh), UpdateExpression = "SET GSI1SK = :sk",
                        ExpressionAttributeValues = new() { [":sk"] = S("STATUS#resolved#2026-11-01T00:00:00.000Z") },
                    },
                },
            ],
        }).ConfigureAwait(false);
        rows.Add(($"TransactWriteItems: Update of the index key ({bigBytes:N0} B)",
            new Units(0, R.TransactionalWrite(bigBytes + 4), 0, R.TransactionalWrite(bigBytes) + R.TransactionalWrite(bigBytes + 4)), Of(transactUpdate.ConsumedCapacity)));

        // DynamoDB Local's known under-billing of multi-item transactions (see LocalDefects): items of one size, of
        // two sizes, and three of one size, none with index keys.
        foreach (var sizes in new[] { new[] { 600, 600 }, new[] { 600, 600, 600 }, new[] { 100, 1_500 } })
        {
            var items = sizes.Select((b, i) => Plain($"tx{sizes.Length}-{sizes[0]}-{i}", b)).ToList();
            var written = await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
                TransactItems = [.. items.Select(i => new TransactWriteItem { Put = new Put { TableName = Table, Item = i } })],
            }).ConfigureAwait(false);
            rows.Add(($"TransactWriteItems: Put of {string.Join(" + ", items.Select(i => $"{ItemSize.Of(i):N0} B"))}",
                new Units(0, items.Sum(i => R.TransactionalWrite(ItemSize.Of(i))), 0, 0), Of(written.ConsumedCapacity)));
        }

        var empty = await client.QueryAsync(new QueryRequest
        {
            TableName = Table, KeyConditionExpression = "PK = :pk", ExpressionAttributeValues = new() { [":pk"] = S("PROJECT#nothing-here") },
            Limit = 1, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        rows.Add(("Query of an empty partition, `Limit 1` (read units)", new Units(R.Read(0), 0, 0, 0), new Units(empty.ConsumedCapacity?.Table?.CapacityUnits ?? empty.ConsumedCapacity?.CapacityUnits ?? 0, 0, 0, 0)));

        var missing = await client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = Table, Key = new() { ["PK"] = S("MISSING"), ["SK"] = S("MISSING") }, ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        }).ConfigureAwait(false);
        rows.Add(("DeleteItem of a missing key", new Units(0, 1, 0, 0), Of(missing.ConsumedCapacity)));

        var existing = Enumerable.Range(0, 5).Select(i => Item("batch" + i, 3_000)).ToList();
        foreach (var item in existing)
        {
            await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = item }).ConfigureAwait(false);
        }

        var batch = await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            RequestItems = new()
            {
                [Table] =
                [
                    .. existing.Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(i) } }),
                    .. Enumerable.Range(0, 5).Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = new() { ["PK"] = S("MISSING"), ["SK"] = S("M" + i) } } }),
                ],
            },
        }).ConfigureAwait(false);
        rows.Add(($"BatchWriteItem: 5 deletes of {bigBytes:N0} B items + 5 of missing keys",
            new Units(0, (5 * R.Write(bigBytes)) + 5, 0, 5 * R.Write(bigBytes)), Of(batch.ConsumedCapacity)));

        var missingOnly = await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            RequestItems = new() { [Table] = [.. Enumerable.Range(0, 5).Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = new() { ["PK"] = S("MISSING"), ["SK"] = S("N" + i) } } })] },
        }).ConfigureAwait(false);
        rows.Add(("BatchWriteItem: 5 deletes of missing keys only", new Units(0, 5, 0, 0), Of(missingOnly.ConsumedCapacity)));

        await client.DeleteTableAsync(Table).ConfigureAwait(false);

        var text = new StringBuilder();
        text.AppendLine("| request | rules: table W / index W | DynamoDB Local: table W / index W | verdict |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var (name, rules, local) in rows)
        {
            var agree = Math.Abs(rules.TableWrite - local.TableWrite) < 1e-6 && Math.Abs(rules.IndexWrite - local.IndexWrite) < 1e-6
                && Math.Abs(rules.TableRead - local.TableRead) < 1e-6;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(rules)} | {Cell(local)} | {(agree ? "agrees" : "DIFFERS")} |");
        }

        Directory.CreateDirectory(artifactsPath);
        File.WriteAllText(Path.Combine(artifactsPath, "instrument-check.md"), text.ToString());
        return text.ToString();
    }

    private static string Cell(Units units) => units.TableRead > 0 || (units.TableWrite == 0 && units.IndexWrite == 0)
        ? string.Create(CultureInfo.InvariantCulture, $"{units.TableRead:0.#} R")
        : string.Create(CultureInfo.InvariantCulture, $"{units.TableWrite:0.#} / {units.IndexWrite:0.#}");

    private static Units Of(ConsumedCapacity? capacity) => Of([capacity]);

    private static Units Of(IEnumerable<ConsumedCapacity?>? capacities)
    {
        var units = default(Units);
        foreach (var c in capacities ?? [])
        {
            if (c is null)
            {
                continue;
            }

            units += new Units(0, c.Table?.CapacityUnits ?? (c.GlobalSecondaryIndexes is null ? c.CapacityUnits ?? 0 : 0), 0, c.GlobalSecondaryIndexes?.Values.Sum(i => i.CapacityUnits ?? 0) ?? 0);
        }

        return units;
    }

    private static Dictionary<string, AttributeValue> Item(string id, int messageBytes) => new()
    {
        ["PK"] = S("PROJECT#probe"),
        ["SK"] = S("FEEDBACK#" + id),
        ["GSI1PK"] = S("PROJECT#probe"),
        ["GSI1SK"] = S("STATUS#open#2026-11-01T00:00:00.000Z"),
        ["message"] = S(new string('x', messageBytes)),
    };

    /// <summary>An item without index keys, of <paramref name="bytes"/> bytes give or take its key's length.</summary>
    private static Dictionary<string, AttributeValue> Plain(string id, int bytes) => new()
    {
        ["PK"] = S("PLAIN#probe"),
        ["SK"] = S(id),
        ["message"] = S(new string('x', Math.Max(1, bytes - 40))),
    };

    private static Dictionary<string, AttributeValue> Key(Dictionary<string, AttributeValue> item) => new() { ["PK"] = item["PK"], ["SK"] = item["SK"] };

    private static AttributeValue S(string value) => new() { S = value };
}
