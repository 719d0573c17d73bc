using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

public sealed class ItemSizeTests
{
    [Fact]
    public void Sums_utf8_names_and_values_by_dynamodb_rules()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "PROJECT#p" },       // 2 + 9
            ["é"] = new() { S = "😀" },               // 2 + 4
            ["n"] = new() { N = "12345" },            // 1 + (3 + 1)
            ["b"] = new() { BOOL = true },            // 1 + 1
            ["z"] = new() { NULL = true },            // 1 + 1
            ["m"] = new() { M = new() { ["k"] = new() { S = "v" } } }, // 1 + 3 + (1 + 1 + 1)
            ["l"] = new() { L = [new() { S = "ab" }, new() { N = "1" }] }, // 1 + 3 + (1 + 2) + (1 + 2)
        };

        ItemSize.Of(item).Should().Be(11 + 6 + 5 + 2 + 2 + 7 + 10);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("7", 2)]
    [InlineData("-1", 3)]
    [InlineData("-12", 3)]
    [InlineData("123", 3)]
    [InlineData("1000000", 2)]
    [InlineData("0.000123", 3)]
    [InlineData("1.5", 3)]
    [InlineData("12.5", 3)]
    [InlineData("3.14159", 5)]
    [InlineData("-12.75", 4)]
    [InlineData("1733000000000", 4)]
    [InlineData("1e10", 2)]
    [InlineData("12345678901234567890123456789012345678", 20)]
    public void Numbers_cost_one_byte_per_base_100_digit_pair_aligned_on_the_point_plus_one_and_one_more_when_negative(string number, int bytes)
    {
        ItemSize.Of(new AttributeValue { N = number }).Should().Be(bytes);
    }

    [Fact]
    public void An_item_over_400_KB_is_refused()
    {
        var item = new Dictionary<string, AttributeValue> { ["m"] = new() { S = new string('x', ItemSize.MaxItemBytes) } };

        var act = () => ItemSize.ThrowIfTooLarge(item);

        act.Should().Throw<ItemTooLargeException>().Which.SizeInBytes.Should().Be(ItemSize.MaxItemBytes + 1);
    }
}
