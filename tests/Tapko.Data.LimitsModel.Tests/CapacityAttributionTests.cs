using System.Text.Json;

namespace Tapko.Data.LimitsModel.Tests;

public sealed class CapacityAttributionTests
{
    private static readonly TableSchema Schema = TableSchema.Tapko;

    [Fact]
    public void A_transaction_shares_the_table_units_among_its_keys_by_their_estimates()
    {
        var transaction = new ModelledRequest(
            "TransactWriteItems",
            true,
            true,
            [new ItemTouch(0, "t", "t\u0001USER#u\u0001PROJECT#p", "USER#u"), new ItemTouch(1, "t", "t\u0001PROJECT#p\u0001FEEDBACK#f", "PROJECT#p")],
            [
                new Charge(new PartitionRef("t", null, "USER#u"), true, 2),
                new Charge(new PartitionRef("t", null, "PROJECT#p"), true, 4),
                new Charge(new PartitionRef("t", "GSI1", "PROJECT#p"), true, 4),
            ],
            2);

        var charges = Attribute(transaction, """
            {"ConsumedCapacity":[{"TableName":"t","CapacityUnits":15.0,"Table":{"CapacityUnits":9.0},"GlobalSecondaryIndexes":{"GSI1":{"CapacityUnits":6.0}}}]}
            """);

        charges.Should().BeEquivalentTo(new[]
        {
            new Charge(new PartitionRef("t", null, "USER#u"), true, 3),
            new Charge(new PartitionRef("t", null, "PROJECT#p"), true, 6),
            new Charge(new PartitionRef("t", "GSI1", "PROJECT#p"), true, 6),
        });
    }

    [Fact]
    public void Index_units_of_an_update_go_to_the_index_key_the_answer_returns()
    {
        var update = Update("PROJECT#p");

        var charges = Attribute(update, """
            {"Attributes":{"GSI1PK":{"S":"PROJECT#elsewhere"}},
             "ConsumedCapacity":{"TableName":"t","CapacityUnits":4.0,"Table":{"CapacityUnits":2.0},"GlobalSecondaryIndexes":{"GSI1":{"CapacityUnits":2.0}}}}
            """);

        charges.Should().BeEquivalentTo(new[]
        {
            new Charge(new PartitionRef("t", null, "PROJECT#p"), true, 2),
            new Charge(new PartitionRef("t", "GSI1", "PROJECT#elsewhere"), true, 2),
        });
    }

    [Fact]
    public void Without_returned_attributes_index_units_go_to_the_items_table_partition()
    {
        var charges = Attribute(Update("PROJECT#p"), """
            {"ConsumedCapacity":{"TableName":"t","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},"GlobalSecondaryIndexes":{"GSI1":{"CapacityUnits":2.0}}}}
            """);

        charges.Should().Contain(new Charge(new PartitionRef("t", "GSI1", "PROJECT#p"), true, 2));
    }

    [Fact]
    public void A_total_only_answer_charges_the_table_with_all_of_it()
    {
        var reported = CapacityAttribution.Reported(JsonDocument.Parse("""{"ConsumedCapacity":{"TableName":"t","CapacityUnits":7.5}}""").RootElement);

        reported.Should().Equal(new Dictionary<(string, string?), double> { [("t", null)] = 7.5 });
    }

    [Fact]
    public void An_answer_without_capacity_charges_nothing()
    {
        Attribute(Update("PROJECT#p"), "{}").Should().BeEmpty();
    }

    private static ModelledRequest Update(string partition) => new(
        "UpdateItem",
        true,
        false,
        [new ItemTouch(0, "t", $"t\u0001{partition}\u0001FEEDBACK#f", partition)],
        [new Charge(new PartitionRef("t", null, partition), true, 1)],
        1);

    private static List<Charge> Attribute(ModelledRequest request, string answer)
    {
        using var json = JsonDocument.Parse(answer);
        return CapacityAttribution.Attribute(request, json.RootElement, Schema);
    }
}
