namespace Tapko.Data.Tests;

/// <summary>Pins every key string of the schema: changing one would orphan every item already stored.</summary>
public sealed class TapkoKeysTests
{
    private static readonly UserId Owner = UserId.Parse("u-42");
    private static readonly ProjectId Project = ProjectId.Parse("p-7");
    private static readonly FeedbackId Feedback = FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");

    [Fact]
    public void Project_item_key()
    {
        TapkoKeys.Project(new ProjectKey(Owner, Project)).Should().Be(new TapkoItemKey("USER#u-42", "PROJECT#p-7"));
    }

    [Fact]
    public void Feedback_item_key()
    {
        ShardLayout.One.FeedbackKey(Project, Feedback).Should().Be(new TapkoItemKey("PROJECT#p-7", "FEEDBACK#01JDQ5ZC8B9N0XW3T6GJ2S4K5M"));
    }

    [Fact]
    public void Project_id_claim_key_sits_in_the_feedback_partition_where_no_feedback_key_can_be()
    {
        var claim = TapkoKeys.ProjectClaim(Project);

        claim.Should().Be(new TapkoItemKey("PROJECT#p-7", "CLAIM"));
        claim.SortKey.Should().NotStartWith("FEEDBACK#", "no feedback query may read it");
        string.CompareOrdinal(claim.SortKey, "FEEDBACK#").Should().BeNegative("it sorts before every feedback key, so an ascending probe meets it first");
    }

    [Theory]
    [InlineData(FeedbackStatus.Open, "STATUS#open#")]
    [InlineData(FeedbackStatus.InProgress, "STATUS#in-progress#")]
    [InlineData(FeedbackStatus.Resolved, "STATUS#resolved#")]
    public void Status_index_key_carries_status_and_created_at(FeedbackStatus status, string prefix)
    {
        var key = StatusIndex.KeyOf(Project, status, Feedback, ShardLayout.One);

        key.PartitionKey.Should().Be("PROJECT#p-7");
        key.SortKey.Should().Be(prefix + Timestamps.Format(Feedback.CreatedAt));
        key.SortKey.Should().MatchRegex(@"^STATUS#[a-z-]+#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
    }

    [Fact]
    public void Partitions_and_names()
    {
        TapkoKeys.UserPartition(Owner).Should().Be("USER#u-42");
        TapkoKeys.FeedbackPartition(Project).Should().Be("PROJECT#p-7");
        (PrimaryIndex.PartitionKey, PrimaryIndex.SortKey, StatusIndex.Name, StatusIndex.PartitionKey, StatusIndex.SortKey)
            .Should().Be(("PK", "SK", "GSI1", "GSI1PK", "GSI1SK"));
    }

    [Fact]
    public void Timestamps_are_fixed_width_utc_with_milliseconds()
    {
        var time = new DateTimeOffset(2026, 11, 24, 16, 43, 45, 123, TimeSpan.FromHours(1));

        Timestamps.Format(time).Should().Be("2026-11-24T15:43:45.123Z");
        Timestamps.Format(DateTimeOffset.UnixEpoch).Should().Be("1970-01-01T00:00:00.000Z");
        Timestamps.Parse("2026-11-24T15:43:45.123Z").Should().Be(time);
    }

    [Fact]
    public void Default_ids_are_refused_by_the_key_builder()
    {
        var act = () => ShardLayout.One.FeedbackKey(Project, default);

        act.Should().Throw<ArgumentException>().WithParameterName("feedbackId");
    }

    [Fact]
    public void Internal_attribute_names_match_the_design()
    {
        (AttributeNames.UserId, AttributeNames.ProjectId, AttributeNames.FeedbackId, AttributeNames.Message,
            AttributeNames.Status, AttributeNames.CreatedAt, AttributeNames.UpdatedAt, AttributeNames.IsCollectingFeedback)
            .Should().Be(("userId", "projectId", "feedbackId", "message", "status", "createdAt", "updatedAt", "isCollectingFeedback"));
    }
}
