using Amazon.DynamoDBv2;

namespace Tapko.Data.Tests;

/// <summary>The requests on a sharded project's heads: created with the project, kept in line with it, read for counts.</summary>
public sealed class HeadRequestsTests
{
    private static readonly ProjectKey Project = ProjectKey.Parse("owner-1", "proj-1");

    [Fact]
    public void A_sharded_create_puts_project_claim_and_every_head_in_one_transaction_of_at_most_100_actions()
    {
        var now = DateTimeOffset.UnixEpoch;
        var layout = ShardLayout.Of(ProjectRules.MaxFeedbackShards, "shards");
        var item = ProjectItem.ToItem(new Project(Project, "Site", true, now, now, 1) { FeedbackShards = layout.Count }, "life-1");
        var heads = layout.AllHeads.Select(h => HeadItem.ToItem(Project, "life-1", true, h)).ToList();

        var request = ProjectRequests.Create("t", item, ProjectClaim.ToItem(Project, "life-1", now, layout, FeedbackRetention.KeepForever), "write-1", heads);

        request.TransactItems.Should().HaveCount(98).And.HaveCountLessThanOrEqualTo(100);
        request.TransactItems.Skip(2).Select(t => t.Put.Item["PK"].S).Should().Equal(layout.AllHeads.Select(h => $"PROJECT#proj-1#HEAD#{h:00}"));
        request.TransactItems.Should().OnlyContain(t => t.Put.ConditionExpression == "attribute_not_exists(#pk)");
        item["feedbackShards"].N.Should().Be("32");
        request.TransactItems[1].Put.Item["feedbackShards"].N.Should().Be("32", "the claim tells every feedback call K");
        heads[0]["isCollectingFeedback"].BOOL.Should().BeTrue();
        heads[0]["incarnation"].S.Should().Be("life-1");
    }

    [Fact]
    public void An_unsharded_project_and_claim_carry_no_shard_count()
    {
        var now = DateTimeOffset.UnixEpoch;

        ProjectItem.ToItem(new Project(Project, "Site", true, now, now, 1), "life-1").Should().NotContainKey("feedbackShards");
        ProjectClaim.ToItem(Project, "life-1", now, ShardLayout.One, FeedbackRetention.KeepForever).Should().NotContainKey("feedbackShards");
    }

    [Fact]
    public void Toggling_a_sharded_project_sets_its_item_at_the_read_version_and_every_head_of_this_life_in_one_transaction()
    {
        var now = DateTimeOffset.UnixEpoch;
        var request = HeadRequests.SetCollecting("t", Project, "life-1", collecting: false, version: 7, now, writeId: "w-1", heads: Enumerable.Range(0, 96));

        request.TransactItems.Should().HaveCount(97, "a transaction takes 100 actions");
        var item = request.TransactItems[0].Update;
        item.Key["PK"].S.Should().Be("USER#owner-1");
        item.UpdateExpression.Should().Be("SET #collecting = :collecting, #updatedAt = :now, #writeId = :writeId ADD #version :one");
        item.ConditionExpression.Should().Be("attribute_exists(#pk) AND attribute_not_exists(#deleting) AND (attribute_not_exists(#writeId) OR #writeId <> :writeId) AND #version = :expected AND #inc = :inc",
            "the unsharded toggle's update, only at the version read and of this life");
        item.ExpressionAttributeValues[":expected"].N.Should().Be("7");
        item.ExpressionAttributeValues[":inc"].S.Should().Be("life-1");
        item.ExpressionAttributeValues[":collecting"].BOOL.Should().BeFalse();
        item.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD, "a lost race hands back the item to retry from");
        request.TransactItems.Skip(1).Should().OnlyContain(t =>
            t.Update.UpdateExpression == "SET #collecting = :collecting" && t.Update.ConditionExpression == "#inc = :inc"
            && t.Update.ExpressionAttributeValues[":collecting"].BOOL == false);
        request.TransactItems.Skip(1).Select(t => t.Update.Key["PK"].S).Should().OnlyHaveUniqueItems();
        request.ClientRequestToken.Should().Be(HeadRequests.SetCollecting("t", Project, "life-1", false, 7, now, "w-1", Enumerable.Range(0, 96)).ClientRequestToken, "a resend applies once");
    }

    [Fact]
    public void Counts_read_every_head_in_one_batch_with_only_counters_and_incarnation()
    {
        var request = HeadRequests.Read("t", Project.ProjectId, Enumerable.Range(0, 96), consistent: false);

        var keys = request.RequestItems["t"];
        keys.Keys.Should().HaveCount(96, "BatchGetItem takes 100 keys");
        keys.ConsistentRead.Should().BeFalse();
        keys.ProjectionExpression.Should().Be("#open, #inProgress, #resolved, #inc");
    }
}
