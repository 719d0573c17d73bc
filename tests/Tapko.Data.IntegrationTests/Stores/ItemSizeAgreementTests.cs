using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// <see cref="ItemSize"/> decides which items are refused as too large and what the benchmarks expect a write to
/// cost, so it must count exactly what DynamoDB counts. An item padded to exactly 1,024 bytes by our count costs one
/// write unit and one byte more costs two, but only if our count is exact: a miss of one byte either way shows.
/// </summary>
public sealed class ItemSizeAgreementTests(DynamoDbFixture fixture)
{
    public static TheoryData<string, AttributeValue> Values => new()
    {
        { "zero", new() { N = "0" } },
        { "one digit", new() { N = "7" } },
        { "negative", new() { N = "-1" } },
        { "fraction", new() { N = "1.5" } },
        { "negative fraction", new() { N = "-12.75" } },
        { "pairs split by the point", new() { N = "3.14159" } },
        { "trailing zeros", new() { N = "1733000000000" } },
        { "small", new() { N = "0.000123" } },
        { "exponent", new() { N = "-1.5e-7" } },
        { "38 digits", new() { N = "-12345678901234567890123456789012345678" } },
        { "number set", new() { NS = ["1.5", "-2", "300"] } },
        { "string with multi-byte characters", new() { S = "café 🙂" } },
        { "string set", new() { SS = ["a", "größe"] } },
        { "binary", new() { B = new MemoryStream([1, 2, 3]) } },
        { "boolean", new() { BOOL = true } },
        { "null", new() { NULL = true } },
        { "empty map", new() { M = [] } },
        { "nested map", new() { M = new() { ["a"] = new() { M = new() { ["b"] = new() { N = "-0.5" } } } } } },
        { "list", new() { L = [new() { S = "x" }, new() { N = "12.5" }, new() { L = [] }] } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Our_count_matches_DynamoDB_Local_at_the_1_KB_boundary(string label, AttributeValue value)
    {
        var ct = TestContext.Current.CancellationToken;
        var table = TapkoTestTable.UniqueName("sizes");
        await fixture.Client.CreateTableAsync(DynamoDbLocalFixture.HashKeyTable(table), ct);

        foreach (var (bytes, units) in new[] { (1024, 1.0), (1025, 2.0) })
        {
            var item = new Dictionary<string, AttributeValue> { ["PK"] = new() { S = $"at-{bytes}" }, ["v"] = value, ["pad"] = new() { S = "" } };
            item["pad"] = new() { S = new string('x', bytes - ItemSize.Of(item)) };
            ItemSize.Of(item).Should().Be(bytes);

            var put = await fixture.Client.PutItemAsync(
                new PutItemRequest { TableName = table, Item = item, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL },
                ct);

            put.ConsumedCapacity.CapacityUnits.Should().Be(units, "an item of {0} bytes holding a {1} costs {2} WCU", bytes, label, units);
        }
    }
}
