using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// The shared instance supports what the store relies on: a single-table layout with an overloaded GSI, on-demand
/// billing, and consumed-capacity reporting per index.
/// </summary>
public sealed class SmokeTests(DynamoDbFixture fixture)
{
    [Fact]
    public async Task A_table_with_a_GSI_accepts_items_and_reports_consumed_capacity()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = TapkoTestTable.UniqueName("smoke");
        await fixture.Client.CreateTableAsync(
            new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions =
                [
                    new AttributeDefinition("PK", ScalarAttributeType.S),
                    new AttributeDefinition("SK", ScalarAttributeType.S),
                    new AttributeDefinition("GSI1PK", ScalarAttributeType.S),
                    new AttributeDefinition("GSI1SK", ScalarAttributeType.S),
                ],
                KeySchema = [new KeySchemaElement("PK", KeyType.HASH), new KeySchemaElement("SK", KeyType.RANGE)],
                GlobalSecondaryIndexes =
                [
                    new GlobalSecondaryIndex
                    {
                        IndexName = "GSI1",
                        KeySchema = [new KeySchemaElement("GSI1PK", KeyType.HASH), new KeySchemaElement("GSI1SK", KeyType.RANGE)],
                        Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    },
                ],
            },
            ct);

        await fixture.Client.PutItemAsync(
            new PutItemRequest
            {
                TableName = table,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["PK"] = new() { S = "USER#1" },
                    ["SK"] = new() { S = "PROFILE" },
                    ["GSI1PK"] = new() { S = "EMAIL#a@example.com" },
                    ["GSI1SK"] = new() { S = "USER#1" },
                    ["Name"] = new() { S = "Ada" },
                },
            },
            ct);

        var response = await fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = table,
                IndexName = "GSI1",
                KeyConditionExpression = "GSI1PK = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = "EMAIL#a@example.com" } },
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            },
            ct);

        (response.Items ?? []).Should().ContainSingle().Which["Name"].S.Should().Be("Ada");
        var consumed = response.ConsumedCapacity;
        consumed.Should().NotBeNull("ReturnConsumedCapacity=INDEXES was asked for");
        consumed!.TableName.Should().Be(table);
        consumed.CapacityUnits.Should().BePositive();

        // With INDEXES the total is broken down per index; the SDK leaves absent parts null rather than empty, so the
        // table part (zero for a pure index read) is read null-safely.
        consumed.GlobalSecondaryIndexes.Should().NotBeNull().And.ContainKey("GSI1");
        consumed.GlobalSecondaryIndexes!["GSI1"].CapacityUnits.Should().BePositive("the read was served by GSI1");
        (consumed.Table?.CapacityUnits ?? 0).Should().BeLessThanOrEqualTo(consumed.CapacityUnits!.Value);
    }
}
