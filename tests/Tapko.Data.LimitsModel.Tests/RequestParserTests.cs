namespace Tapko.Data.LimitsModel.Tests;

public sealed class RequestParserTests
{
    private static readonly TableSchema Schema = TableSchema.Tapko;

    /// <summary>A feedback item as the library writes it, about 1.6 KB: two write units.</summary>
    private static readonly string FeedbackItem = $$$"""
        {"PK":{"S":"PROJECT#p1"},"SK":{"S":"FEEDBACK#01JDQ3S8ZK0000000000000000"},"GSI1PK":{"S":"PROJECT#p1"},
         "GSI1SK":{"S":"STATUS#open#2026-11-24T15:43:45.123Z"},"message":{"S":"{{{new string('x', 1_500)}}}"},"version":{"N":"1"}}
        """;

    [Fact]
    public void The_schema_is_the_one_TapkoTable_creates()
    {
        var created = TableSchema.From(TapkoTable.BuildCreateTableRequest("tapko"));

        created.PartitionKey.Should().Be(Schema.PartitionKey);
        created.SortKey.Should().Be(Schema.SortKey);
        created.IndexPartitionKeys.Should().Equal(Schema.IndexPartitionKeys);
    }

    [Fact]
    public void GetItem_charges_its_partition_half_a_unit_or_one_when_consistent()
    {
        var eventual = RequestParser.Parse("GetItem", """{"TableName":"t","Key":{"PK":{"S":"PROJECT#p1"},"SK":{"S":"CLAIM"}}}""", Schema);
        var consistent = RequestParser.Parse("GetItem", """{"TableName":"t","Key":{"PK":{"S":"PROJECT#p1"},"SK":{"S":"CLAIM"}},"ConsistentRead":true}""", Schema);

        eventual.IsWrite.Should().BeFalse();
        eventual.Items.Should().BeEmpty();
        eventual.Charges.Should().Equal(new Charge(new PartitionRef("t", null, "PROJECT#p1"), false, 0.5));
        consistent.Charges.Single().Units.Should().Be(1);
    }

    [Fact]
    public void PutItem_charges_the_table_and_the_index_partition_of_its_item_by_size()
    {
        var put = RequestParser.Parse("PutItem", $$$"""{"TableName":"t","Item":{{{FeedbackItem}}}}""", Schema);

        put.IsWrite.Should().BeTrue();
        put.IsTransaction.Should().BeFalse();
        put.Items.Should().Equal(new ItemTouch(0, "t", "t\u0001PROJECT#p1\u0001FEEDBACK#01JDQ3S8ZK0000000000000000", "PROJECT#p1"));
        put.Charges.Should().Equal(
            new Charge(new PartitionRef("t", null, "PROJECT#p1"), true, 2),
            new Charge(new PartitionRef("t", "GSI1", "PROJECT#p1"), true, 2));
    }

    [Fact]
    public void An_item_without_index_keys_charges_the_table_only()
    {
        var put = RequestParser.Parse("PutItem", """{"TableName":"t","Item":{"PK":{"S":"USER#u"},"SK":{"S":"PROJECT#p1"},"name":{"S":"Site"}}}""", Schema);

        put.Charges.Should().Equal(new Charge(new PartitionRef("t", null, "USER#u"), true, 1));
    }

    [Theory]
    [InlineData("UpdateItem")]
    [InlineData("DeleteItem")]
    public void Update_and_delete_charge_the_table_partition_of_their_key(string operation)
    {
        var write = RequestParser.Parse(operation, """{"TableName":"t","Key":{"PK":{"S":"PROJECT#p1"},"SK":{"S":"FEEDBACK#f"}},"UpdateExpression":"SET #s = :s"}""", Schema);

        write.Items.Single().Key.Should().Be("t\u0001PROJECT#p1\u0001FEEDBACK#f");
        write.Charges.Should().Equal(new Charge(new PartitionRef("t", null, "PROJECT#p1"), true, 1));
    }

    [Fact]
    public void TransactWriteItems_touches_each_action_item_at_twice_the_units()
    {
        var body = $$$"""
            {"ClientRequestToken":"tok","TransactItems":[
              {"ConditionCheck":{"TableName":"t","Key":{"PK":{"S":"USER#u"},"SK":{"S":"PROJECT#p1"}},"ConditionExpression":"#c = :t"}},
              {"Put":{"TableName":"t","Item":{{{FeedbackItem}}},"ConditionExpression":"attribute_not_exists(PK)"}}]}
            """;

        var transaction = RequestParser.Parse("TransactWriteItems", body, Schema);

        transaction.IsTransaction.Should().BeTrue();
        transaction.ActionCount.Should().Be(2);
        transaction.Items.Select(i => (i.Action, i.Partition)).Should().Equal((0, "USER#u"), (1, "PROJECT#p1"));
        transaction.Charges.Should().Equal(
            new Charge(new PartitionRef("t", null, "USER#u"), true, 2),
            new Charge(new PartitionRef("t", null, "PROJECT#p1"), true, 4),
            new Charge(new PartitionRef("t", "GSI1", "PROJECT#p1"), true, 4));
    }

    [Fact]
    public void Query_charges_the_partition_its_key_condition_names_on_the_table_or_the_index()
    {
        var table = RequestParser.Parse("Query", """
            {"TableName":"t","KeyConditionExpression":"#pk = :pk AND begins_with(#sk, :prefix)",
             "ExpressionAttributeNames":{"#pk":"PK","#sk":"SK"},
             "ExpressionAttributeValues":{":pk":{"S":"PROJECT#p1"},":prefix":{"S":"FEEDBACK#"}}}
            """, Schema);
        var index = RequestParser.Parse("Query", """
            {"TableName":"t","IndexName":"GSI1","KeyConditionExpression":"#sk BETWEEN :from AND :to AND #pk = :pk",
             "ExpressionAttributeNames":{"#pk":"GSI1PK","#sk":"GSI1SK"},
             "ExpressionAttributeValues":{":pk":{"S":"PROJECT#p2"},":from":{"S":"a"},":to":{"S":"b"}}}
            """, Schema);
        var plainName = RequestParser.Parse("Query", """
            {"TableName":"t","KeyConditionExpression":"PK = :v","ExpressionAttributeValues":{":v":{"S":"USER#u"}},"ConsistentRead":true}
            """, Schema);

        table.Charges.Should().Equal(new Charge(new PartitionRef("t", null, "PROJECT#p1"), false, 0.5));
        index.Charges.Should().Equal(new Charge(new PartitionRef("t", "GSI1", "PROJECT#p2"), false, 0.5));
        plainName.Charges.Should().Equal(new Charge(new PartitionRef("t", null, "USER#u"), false, 1));
    }

    [Fact]
    public void BatchWriteItem_touches_every_put_and_delete()
    {
        var batch = RequestParser.Parse("BatchWriteItem", """
            {"RequestItems":{"t":[
              {"DeleteRequest":{"Key":{"PK":{"S":"PROJECT#p1"},"SK":{"S":"FEEDBACK#a"}}}},
              {"PutRequest":{"Item":{"PK":{"S":"PROJECT#p1"},"SK":{"S":"FEEDBACK#b"},"GSI1PK":{"S":"PROJECT#p1"}}}}]}}
            """, Schema);

        batch.IsTransaction.Should().BeFalse();
        batch.Items.Select(i => i.Key).Should().Equal("t\u0001PROJECT#p1\u0001FEEDBACK#a", "t\u0001PROJECT#p1\u0001FEEDBACK#b");
        batch.Charges.Should().Equal(
            new Charge(new PartitionRef("t", null, "PROJECT#p1"), true, 1),
            new Charge(new PartitionRef("t", null, "PROJECT#p1"), true, 1),
            new Charge(new PartitionRef("t", "GSI1", "PROJECT#p1"), true, 1));
    }

    [Theory]
    [InlineData("CreateTable")]
    [InlineData("DescribeTable")]
    [InlineData("Scan")]
    public void Other_operations_are_not_limited(string operation)
    {
        RequestParser.Parse(operation, """{"TableName":"t"}""", Schema).IsLimited.Should().BeFalse();
    }

    [Fact]
    public void Item_size_counts_names_and_values()
    {
        using var item = System.Text.Json.JsonDocument.Parse("""{"PK":{"S":"abc"},"n":{"N":"12345"},"ok":{"BOOL":true},"m":{"M":{"k":{"S":"v"}}}}""");

        // PK+abc = 5, n + (5/2+1) = 4, ok + 1 = 3, m + (3 + 1 + k + v) = 7.
        ItemSizeEstimate.Bytes(item.RootElement).Should().Be(19);
        ItemSizeEstimate.WriteUnits(0).Should().Be(1);
        ItemSizeEstimate.WriteUnits(1_024).Should().Be(1);
        ItemSizeEstimate.WriteUnits(1_025).Should().Be(2);
    }
}
