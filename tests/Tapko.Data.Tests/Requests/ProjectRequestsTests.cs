using Amazon.DynamoDBv2;

namespace Tapko.Data.Tests;

public sealed class ProjectRequestsTests
{
    private static readonly ProjectKey Project = ProjectKey.Parse("owner-1", "proj-1");

    [Fact]
    public void Create_puts_the_project_and_the_claim_on_its_id_in_one_transaction_each_only_if_absent()
    {
        var now = DateTimeOffset.UnixEpoch;
        var item = ProjectItem.ToItem(new Project(Project, "Site", true, now, now, 1), "life-1");
        var claim = ProjectClaim.ToItem(Project, "life-1", now, ShardLayout.One, FeedbackRetention.KeepForever);

        var request = ProjectRequests.Create("t", item, claim, "write-1");

        request.TransactItems.Should().HaveCount(2);
        request.TransactItems.Should().AllSatisfy(t =>
        {
            t.Put.ConditionExpression.Should().Be("attribute_not_exists(#pk)");
            t.Put.ReturnValuesOnConditionCheckFailure.Should().BeNull("another owner's claim must not come back to the caller");
        });
        request.TransactItems[0].Put.Item.Should().BeSameAs(item);
        request.TransactItems[1].Put.Item.Should().BeSameAs(claim);
        request.ClientRequestToken.Should().Be("write-1", "the SDK's retry of a create whose answer was lost must apply once and succeed");
        item["PK"].S.Should().Be("USER#owner-1");
        item["SK"].S.Should().Be("PROJECT#proj-1");
        item["isCollectingFeedback"].BOOL.Should().BeTrue();
        item["incarnation"].S.Should().Be("life-1");
        item.Should().NotContainKeys("GSI1PK", "GSI1SK");
        claim["PK"].S.Should().Be("PROJECT#proj-1");
        claim["SK"].S.Should().Be("CLAIM");
        claim["userId"].S.Should().Be("owner-1");
        claim["incarnation"].S.Should().Be("life-1");
        claim.Should().NotContainKeys("GSI1PK", "GSI1SK");
    }

    [Fact]
    public void Delete_ends_with_the_project_item_and_its_claim_in_one_transaction()
    {
        var request = ProjectRequests.DeleteProjectAndClaim("t", Project, "life-1");

        request.TransactItems.Select(t => t.Delete.Key["SK"].S).Should().Equal("PROJECT#proj-1", "CLAIM");
        request.TransactItems[0].Delete.ConditionExpression.Should().Be("attribute_exists(#deleting)", "only a project marked as being deleted goes");
        request.TransactItems[1].Delete.ConditionExpression.Should().Be("#owner = :owner AND #inc = :inc", "only this owner's claim of this life of the id");
        request.TransactItems[1].Delete.ExpressionAttributeValues[":inc"].S.Should().Be("life-1");
    }

    [Fact]
    public void The_partition_probe_before_a_create_finds_the_claim_first()
    {
        var request = ProjectRequests.PartitionKeys("t", Project.ProjectId, null, limit: 1);

        request.KeyConditionExpression.Should().Be("#pk = :pk");
        request.ExpressionAttributeValues[":pk"].S.Should().Be("PROJECT#proj-1");
        request.Limit.Should().Be(1);
        request.ScanIndexForward.Should().NotBe(false, "CLAIM sorts before every FEEDBACK# key, so ascending order reads it first");
        string.CompareOrdinal(TapkoKeys.ClaimSortKey, TapkoKeys.FeedbackSortKeyPrefix).Should().BeNegative();
    }

    [Fact]
    public void Toggle_is_one_update_returning_the_new_item_and_bumping_the_version()
    {
        var request = ProjectRequests.SetCollecting("t", Project, false, DateTimeOffset.UnixEpoch, "write-1");

        request.UpdateExpression.Should().Be("SET #collecting = :collecting, #updatedAt = :now, #writeId = :writeId ADD #version :one");
        request.ConditionExpression.Should().Be("attribute_exists(#pk) AND attribute_not_exists(#deleting) AND (attribute_not_exists(#writeId) OR #writeId <> :writeId) AND attribute_not_exists(#shards)",
            "a sharded project's flag changes with its heads, in one transaction");
        request.ExpressionAttributeNames["#shards"].Should().Be("feedbackShards");
        request.ExpressionAttributeValues[":writeId"].S.Should().Be("write-1");
        request.ExpressionAttributeValues[":collecting"].BOOL.Should().BeFalse();
        request.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD, "the refused item names the shards and version");
        request.ReturnValues.Should().Be(ReturnValue.ALL_NEW);
    }

    [Fact]
    public void Rename_checks_the_expected_version()
    {
        var request = ProjectRequests.Rename("t", Project, "New", 3, DateTimeOffset.UnixEpoch, "write-1");

        request.ConditionExpression.Should().EndWith("AND #version = :expected");
        request.ExpressionAttributeValues[":expected"].N.Should().Be("3");
        request.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    [Fact]
    public void List_queries_the_owner_partition_and_resumes_after_a_project()
    {
        var request = ProjectRequests.List("t", Project.Owner, 20, Project.ProjectId, false);

        request.ExpressionAttributeValues[":pk"].S.Should().Be("USER#owner-1");
        request.ExpressionAttributeValues[":prefix"].S.Should().Be("PROJECT#");
        request.ExclusiveStartKey["SK"].S.Should().Be("PROJECT#proj-1");
    }

    [Fact]
    public void Deletion_batches_every_feedback_key_of_the_claimed_partition()
    {
        var request = ProjectRequests.FeedbackKeys("t", Project, null, ShardLayout.One, shard: 0);

        request.ProjectionExpression.Should().Be("#pk, #sk");
        request.FilterExpression.Should().BeNull("the owner holds the claim, so every item there is this project's or an earlier life's leftover");
        request.ExpressionAttributeValues[":prefix"].S.Should().Be("FEEDBACK#", "the claim goes last, with the project item");
        request.ExpressionAttributeValues[":pk"].S.Should().Be("PROJECT#proj-1");
        request.ConsistentRead.Should().BeTrue("an eventually consistent page could miss an item stored just before the delete began");
    }
}
