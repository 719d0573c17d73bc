using Amazon.DynamoDBv2;
using Tapko.Data.Internal;

namespace Tapko.Data.Tests;

public sealed class ProjectRequestsTests
{
    private static readonly ProjectKey Project = ProjectKey.Parse("owner-1", "proj-1");

    [Fact]
    public void Create_puts_only_if_absent()
    {
        var now = DateTimeOffset.UnixEpoch;
        var item = ProjectItem.ToItem(new Project(Project, "Site", true, now, now, 1));

        var request = ProjectRequests.Create("t", item);

        request.ConditionExpression.Should().Be("attribute_not_exists(#pk)");
        request.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        item["PK"].S.Should().Be("USER#owner-1");
        item["SK"].S.Should().Be("PROJECT#proj-1");
        item["isCollectingFeedback"].BOOL.Should().BeTrue();
        item.Should().NotContainKeys("GSI1PK", "GSI1SK");
    }

    [Fact]
    public void Toggle_is_one_update_returning_the_new_item_and_bumping_the_version()
    {
        var request = ProjectRequests.SetCollecting("t", Project, false, DateTimeOffset.UnixEpoch, "write-1");

        request.UpdateExpression.Should().Be("SET #collecting = :collecting, #updatedAt = :now, #writeId = :writeId ADD #version :one");
        request.ConditionExpression.Should().Be("attribute_exists(#pk) AND attribute_not_exists(#deleting) AND (attribute_not_exists(#writeId) OR #writeId <> :writeId)");
        request.ExpressionAttributeValues[":writeId"].S.Should().Be("write-1");
        request.ExpressionAttributeValues[":collecting"].BOOL.Should().BeFalse();
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
    public void Deletion_batches_only_the_owners_feedback_keys()
    {
        var request = ProjectRequests.FeedbackKeys("t", Project, null);

        request.ProjectionExpression.Should().Be("#pk, #sk");
        request.FilterExpression.Should().Be("#owner = :owner");
        request.ExpressionAttributeValues[":pk"].S.Should().Be("PROJECT#proj-1");
        request.ConsistentRead.Should().BeTrue("an eventually consistent page could miss an item stored just before the delete began");
    }
}
