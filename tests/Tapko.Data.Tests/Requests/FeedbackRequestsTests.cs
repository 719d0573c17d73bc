using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

/// <summary>The shape of each request: one request per pattern, with the conditions that make it safe.</summary>
public sealed class FeedbackRequestsTests
{
    private static readonly ProjectKey Project = ProjectKey.Parse("owner-1", "proj-1");
    private static readonly FeedbackId Id = FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");
    private static readonly ProjectClaim Claim = new(UserId.Parse("owner-1"), Life, ShardLayout.One);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 30, 0, TimeSpan.Zero);
    private const string Life = "life-of-proj-1";

    [Fact]
    public void Submit_is_one_transaction_checking_the_project_and_putting_if_absent()
    {
        var item = FeedbackItem.ToItem(new Feedback(Project, Id, "hi", FeedbackStatus.Open, null, Id.CreatedAt, Id.CreatedAt), null, Life, ShardLayout.One);

        var request = FeedbackRequests.Submit("t", Project, Claim, Id, item, count: false);

        request.TransactItems.Should().HaveCount(2);
        var check = request.TransactItems[0].ConditionCheck;
        check.Key["PK"].S.Should().Be("USER#owner-1");
        check.Key["SK"].S.Should().Be("PROJECT#proj-1");
        check.ConditionExpression.Should().Be("#collecting = :true AND attribute_not_exists(#deleting) AND #inc = :inc");
        check.ExpressionAttributeValues[":inc"].S.Should().Be(Life, "a project re-created since the claim was read has another incarnation");
        check.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        var put = request.TransactItems[1].Put;
        put.ConditionExpression.Should().Be("attribute_not_exists(#pk)");
        put.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        put.Item["GSI1SK"].S.Should().Be("STATUS#open#" + Timestamps.Format(Id.CreatedAt));
        put.Item["incarnation"].S.Should().Be(Life);
        request.ClientRequestToken.Should().HaveLength(36).And.Be(ProjectTransaction.Token(Project, Id.ToString()));
        request.ReturnConsumedCapacity.Should().Be(ReturnConsumedCapacity.INDEXES);
    }

    [Fact]
    public void Idempotency_tokens_differ_per_owner_project_and_id()
    {
        var tokens = new[]
        {
            ProjectTransaction.Token(Project, Id.ToString()),
            ProjectTransaction.Token(ProjectKey.Parse("owner-2", "proj-1"), Id.ToString()),
            ProjectTransaction.Token(ProjectKey.Parse("owner-1", "proj-2"), Id.ToString()),
            ProjectTransaction.Token(Project, FeedbackId.New().ToString()),
        };

        tokens.Should().OnlyHaveUniqueItems();
        ProjectTransaction.Token(Project, Id.ToString()).Should().Be(ProjectTransaction.Token(Project, Id.ToString()));
    }

    [Fact]
    public void Status_update_rebuilds_the_index_key_from_the_id_without_a_read()
    {
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        var request = FeedbackRequests.UpdateStatus("t", Project, Claim, Id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, now, "write-1");

        request.Key["PK"].S.Should().Be("PROJECT#proj-1");
        request.Key["SK"].S.Should().Be("FEEDBACK#01JDQ5ZC8B9N0XW3T6GJ2S4K5M");
        request.UpdateExpression.Should().Be("SET #status = :status, #gsi1sk = :gsi1sk, #updatedAt = :now, #writeId = :writeId REMOVE #ttl", "each move derives the expiry from the policy: none here");
        request.ExpressionAttributeValues[":writeId"].S.Should().Be("write-1");
        request.ExpressionAttributeValues[":gsi1sk"].S.Should().Be("STATUS#resolved#" + Timestamps.Format(Id.CreatedAt));
        request.ExpressionAttributeValues[":now"].S.Should().Be("2026-11-25T10:00:00.000Z");
        request.ConditionExpression.Should().Be("#owner = :owner AND #inc = :inc AND (attribute_not_exists(#ttl) OR #ttl > :nowTtl) AND #status = :expected");
        request.ExpressionAttributeValues[":owner"].S.Should().Be("owner-1");
        request.ExpressionAttributeValues[":inc"].S.Should().Be(Life);
        request.ExpressionAttributeValues[":expected"].S.Should().Be("in-progress");
        request.ReturnValues.Should().Be(ReturnValue.ALL_NEW);
        request.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    [Fact]
    public void Status_update_without_expectation_still_checks_the_owner()
    {
        var request = FeedbackRequests.UpdateStatus("t", Project, Claim, Id, FeedbackStatus.Open, null, DateTimeOffset.UnixEpoch, "write-1");

        request.ConditionExpression.Should().Be("#owner = :owner AND #inc = :inc AND (attribute_not_exists(#ttl) OR #ttl > :nowTtl)");
        request.ExpressionAttributeValues.Should().NotContainKey(":expected");
    }

    [Fact]
    public void List_queries_the_project_partition_filtered_by_owner_and_incarnation()
    {
        var request = FeedbackRequests.List("t", Project, Claim, FeedbackIndex.ByCreation, new FeedbackQuery { PageSize = 10 }, null, consistent: false, Now, shard: 0);

        request.IndexName.Should().BeNull();
        request.KeyConditionExpression.Should().Be("#pk = :pk AND begins_with(#sk, :prefix)");
        request.ExpressionAttributeValues[":pk"].S.Should().Be("PROJECT#proj-1");
        request.ExpressionAttributeValues[":prefix"].S.Should().Be("FEEDBACK#");
        request.FilterExpression.Should().Be("#owner = :owner AND #inc = :inc AND (attribute_not_exists(#ttl) OR #ttl > :nowTtl)");
        request.ExpressionAttributeValues[":nowTtl"].N.Should().Be(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "what has expired is hidden before DynamoDB removes it");
        request.ExpressionAttributeValues[":inc"].S.Should().Be(Life);
        request.ScanIndexForward.Should().BeFalse("newest first is the default");
        request.Limit.Should().Be(10);
        request.ExclusiveStartKey.Should().BeNull();
    }

    [Fact]
    public void Status_list_queries_gsi1_and_resumes_with_all_four_keys()
    {
        var query = new FeedbackQuery { Order = SortOrder.OldestFirst };

        var request = FeedbackRequests.List("t", Project, Claim, StatusIndex.For(FeedbackStatus.InProgress), query, Id, consistent: true, Now, shard: 0);

        request.IndexName.Should().Be("GSI1");
        request.ConsistentRead.Should().BeFalse("a global secondary index only reads eventually consistent");
        request.ExpressionAttributeNames["#pk"].Should().Be("GSI1PK");
        request.ExpressionAttributeValues[":prefix"].S.Should().Be("STATUS#in-progress#");
        request.ScanIndexForward.Should().BeTrue();
        request.ExclusiveStartKey.Keys.Should().BeEquivalentTo("PK", "SK", "GSI1PK", "GSI1SK");
        request.ExclusiveStartKey["GSI1SK"].S.Should().Be("STATUS#in-progress#" + Timestamps.Format(Id.CreatedAt));
    }

    [Fact]
    public void A_created_at_range_becomes_key_bounds()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var query = new FeedbackQuery { CreatedFrom = from, CreatedTo = to };

        var table = FeedbackRequests.List("t", Project, Claim, FeedbackIndex.ByCreation, query, null, false, Now, shard: 0);
        var index = FeedbackRequests.List("t", Project, Claim, StatusIndex.For(FeedbackStatus.Open), query, null, false, Now, shard: 0);

        table.KeyConditionExpression.Should().Be("#pk = :pk AND #sk BETWEEN :from AND :to");
        table.ExpressionAttributeValues[":from"].S.Should().Be("FEEDBACK#" + FeedbackId.MinAt(from));
        table.ExpressionAttributeValues[":to"].S.Should().Be("FEEDBACK#" + FeedbackId.MaxAt(to));
        index.ExpressionAttributeValues[":from"].S.Should().Be("STATUS#open#2026-01-01T00:00:00.000Z");
        index.ExpressionAttributeValues[":to"].S.Should().Be("STATUS#open#2026-02-01T00:00:00.000Z");
    }

    [Fact]
    public void Delete_is_conditional_on_the_owner_and_incarnation()
    {
        var request = FeedbackRequests.Delete("t", Project, Claim, Id, Now);

        request.ConditionExpression.Should().Be("#owner = :owner AND #inc = :inc AND (attribute_not_exists(#ttl) OR #ttl > :nowTtl)");
        request.ExpressionAttributeValues[":owner"].S.Should().Be("owner-1");
        request.ExpressionAttributeValues[":inc"].S.Should().Be(Life);
        request.ReturnValuesOnConditionCheckFailure.Should().Be(ReturnValuesOnConditionCheckFailure.ALL_OLD, "a stale cached claim is told from a missing item by the old item");
    }
}
