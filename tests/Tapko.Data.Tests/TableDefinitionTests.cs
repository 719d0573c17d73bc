using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

public sealed class TableDefinitionTests
{
    [Fact]
    public void On_demand_table_with_a_sparse_index_of_triage_rows_and_a_stream()
    {
        var request = TapkoTable.BuildCreateTableRequest("tapko");

        request.BillingMode.Should().Be(BillingMode.PAY_PER_REQUEST);
        request.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("PK", "HASH"), ("SK", "RANGE"));
        var index = request.GlobalSecondaryIndexes.Should().ContainSingle().Subject;
        index.IndexName.Should().Be("GSI1");
        index.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("GSI1PK", "HASH"), ("GSI1SK", "RANGE"));
        index.Projection.ProjectionType.Should().Be(ProjectionType.INCLUDE);
        index.Projection.NonKeyAttributes.Should().BeEquivalentTo(
            "type", "userId", "projectId", "feedbackId", "status", "createdAt", "updatedAt", "preview", "truncated", "incarnation", "ttl");
        request.AttributeDefinitions.Should().OnlyContain(a => a.AttributeType == ScalarAttributeType.S).And.HaveCount(4);
        request.StreamSpecification.Should().BeEquivalentTo(new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES });
    }

    [Fact]
    public void A_full_status_index_projects_every_attribute()
    {
        var index = TapkoTable.BuildCreateTableRequest("tapko", projection: StatusIndexProjection.Full).GlobalSecondaryIndexes.Single();

        index.Projection.ProjectionType.Should().Be(ProjectionType.ALL);
        index.Projection.NonKeyAttributes.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Provisioned_capacity_is_applied_to_table_and_index()
    {
        var request = TapkoTable.BuildCreateTableRequest("tapko", new TapkoTableCapacity(5, 6, 7, 8));

        request.BillingMode.Should().Be(BillingMode.PROVISIONED);
        (request.ProvisionedThroughput.ReadCapacityUnits, request.ProvisionedThroughput.WriteCapacityUnits).Should().Be((5L, 6L));
        var index = request.GlobalSecondaryIndexes[0].ProvisionedThroughput;
        (index.ReadCapacityUnits, index.WriteCapacityUnits).Should().Be((7L, 8L));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("täble")]
    public void Bad_table_names_are_refused_before_any_request(string name)
    {
        var act = () => TapkoTable.BuildCreateTableRequest(name);

        act.Should().Throw<ArgumentException>().WithParameterName("tableName");
    }
}
