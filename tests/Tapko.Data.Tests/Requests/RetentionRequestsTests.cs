namespace Tapko.Data.Tests;

public sealed class RetentionRequestsTests
{
    private static readonly ProjectKey Project = ProjectKey.Parse("owner-1", "proj-1");
    private static readonly ProjectClaim Resolving = new(UserId.Parse("owner-1"), "life-1", ShardLayout.One) { Retention = new FeedbackRetention { ResolvedRetentionDays = 1 } };
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_policy_is_set_on_the_project_and_its_claim_together_for_this_life_only()
    {
        var request = RetentionRequests.Set("t", Project, "life-1", new FeedbackRetention { ResolvedRetentionDays = 30, MaxAgeDays = 365 }, Now, "write-1");

        request.TransactItems.Should().HaveCount(2);
        var project = request.TransactItems[0].Update;
        project.Key["PK"].S.Should().Be("USER#owner-1");
        project.UpdateExpression.Should().Be("SET #retainResolved = :retainResolved, #maxAge = :maxAge, #updatedAt = :now, #writeId = :writeId ADD #version :one");
        project.ConditionExpression.Should().Be("attribute_exists(#pk) AND attribute_not_exists(#deleting) AND #inc = :inc");
        project.ExpressionAttributeValues[":retainResolved"].N.Should().Be("30");
        project.ExpressionAttributeValues[":maxAge"].N.Should().Be("365");

        var claim = request.TransactItems[1].Update;
        claim.Key["PK"].S.Should().Be("PROJECT#proj-1");
        claim.UpdateExpression.Should().Be("SET #retainResolved = :retainResolved, #maxAge = :maxAge");
        claim.ConditionExpression.Should().Be("#owner = :owner AND #inc = :inc");
        claim.ExpressionAttributeValues[":owner"].S.Should().Be("owner-1");
        claim.ExpressionAttributeValues[":inc"].S.Should().Be("life-1");
    }

    [Fact]
    public void Keeping_forever_removes_the_policy_and_each_call_has_its_own_idempotency_token()
    {
        var request = RetentionRequests.Set("t", Project, "life-1", FeedbackRetention.KeepForever, Now, "write-1");

        request.TransactItems[0].Update.UpdateExpression.Should().Be("SET #updatedAt = :now, #writeId = :writeId REMOVE #retainResolved, #maxAge ADD #version :one");
        request.TransactItems[1].Update.UpdateExpression.Should().Be("REMOVE #retainResolved, #maxAge");
        request.ClientRequestToken.Should().NotBe(RetentionRequests.Set("t", Project, "life-1", FeedbackRetention.KeepForever, Now, "write-2").ClientRequestToken);
        request.ClientRequestToken.Should().NotBe(RetentionRequests.Set("t", Project, "life-2", FeedbackRetention.KeepForever, Now, "write-1").ClientRequestToken,
            "a retry on a refreshed claim is another request, not a mismatched repeat of the first");
        request.ClientRequestToken.Should().Be(RetentionRequests.Set("t", Project, "life-1", FeedbackRetention.KeepForever, Now, "write-1").ClientRequestToken);
    }

    [Fact]
    public void A_status_move_sets_the_expiry_its_new_status_gets_and_refuses_an_expired_item()
    {
        var id = FeedbackId.New(new FixedTimeProvider(Now));
        var resolve = FeedbackRequests.UpdateStatus("t", Project, Resolving, id, FeedbackStatus.Resolved, null, Now, "w");
        resolve.UpdateExpression.Should().EndWith(", #ttl = :ttl");
        resolve.ExpressionAttributeValues[":ttl"].Should().BeEquivalentTo(Expiry.ToAttribute(Expiry.Resolved(Now, 1)));
        resolve.ConditionExpression.Should().Contain("(attribute_not_exists(#ttl) OR #ttl > :nowTtl)");

        var reopen = FeedbackRequests.UpdateStatus("t", Project, Resolving, id, FeedbackStatus.Open, null, Now, "w");
        reopen.UpdateExpression.Should().EndWith(" REMOVE #ttl");
        reopen.ExpressionAttributeValues.Should().NotContainKey(":ttl");
    }
}
