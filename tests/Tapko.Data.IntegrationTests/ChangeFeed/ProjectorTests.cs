using Amazon.DynamoDBv2.Model;
using Tapko.Data.IntegrationTests.Stores;

namespace Tapko.Data.IntegrationTests.ChangeFeed;

/// <summary>
/// Counts kept from DynamoDB Local's real stream by the hosted projector (<see cref="StatusCountsMode.Streamed"/>, the
/// default): they equal a full read after every mix of writes, never count a change twice, leave nothing behind a
/// deleted project, start a second life of an id at zero, and are refused when no projector keeps them.
/// </summary>
public sealed class ProjectorTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "projector")
{
    [Fact]
    public async Task Counts_equal_a_full_read_after_submits_moves_and_deletes()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 8);
        await Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        await Feedback.UpdateStatusAsync(project, items[1].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        await Feedback.MoveManyAsync(project, [items[2].Id, items[3].Id, items[1].Id], FeedbackStatus.InProgress, cancellationToken: Ct);
        await Feedback.DeleteAsync(project, items[4].Id, Ct);
        await Feedback.UpdateStatusAsync(project, items[5].Id, FeedbackStatus.Open, cancellationToken: Ct);

        var counts = await CountsAsync(project);

        counts.Should().Be(new FeedbackStatusCounts(3, 4, 0));
        counts.Should().Be(await CountByReadingAsync(project));
        counts!.LastChangeAt.Should().NotBeNull("the projector stamps when the last counted change happened");
        counts.AsOf.Should().NotBeNull();
    }

    [Fact]
    public async Task Counts_are_refused_while_no_projector_keeps_them_and_name_the_ways_out()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 2);

        var never = () => Feedback.GetStatusCountsAsync(project, Ct);
        var refused = (await never.Should().ThrowAsync<StatusCountsUnavailableException>()).Which;
        refused.Message.Should().Contain("no projector has ever reported").And.Contain("AddTapkoProjector").And.Contain("TapkoProjectorFunction").And.Contain("Maintained");
        refused.LastKnown.Should().Be(new FeedbackStatusCounts(0, 0, 0), "nothing was applied yet, and the exception says so rather than pretending");

        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 0, 0));

        // The projector stops reporting: past the allowed lag the numbers are refused again, with the last ones known.
        Clock.Advance(TimeSpan.FromMinutes(6));
        var stale = () => Feedback.GetStatusCountsAsync(project, Ct);
        var late = (await stale.Should().ThrowAsync<StatusCountsUnavailableException>()).Which;
        late.Message.Should().Contain("last reported 360 s ago");
        late.LastKnown.Should().Be(new FeedbackStatusCounts(2, 0, 0));

        // A missing project, or another owner's, is null whatever the projector's state, at the same cost.
        (await Feedback.GetStatusCountsAsync(new ProjectKey(NewOwner(), project.ProjectId), Ct)).Should().BeNull();
        (await Feedback.GetStatusCountsAsync(new ProjectKey(project.Owner, ProjectId.New()), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_restart_that_replays_applied_records_counts_nothing_twice()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 5);
        await Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        await Projector.CatchUpAsync(Ct);

        // A crash after applying but before checkpointing: the checkpoints are lost, a new instance reads everything again.
        await DeleteCheckpointsAsync();
        await ExpireLeaseAsync();
        await Feedback.DeleteAsync(project, items[1].Id, Ct);
        var restarted = TestTable.CreateProjector(Clock);
        await restarted.CatchUpAsync(Ct);

        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(3, 0, 1));
        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(await CountByReadingAsync(project));
    }

    [Fact]
    public async Task A_deleted_project_leaves_no_counts_and_its_ids_second_life_starts_at_zero()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 4);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(4, 0, 0));
        await SubmitManyAsync(project, 3);

        // Deleted and taken again by someone else before the projector sees the first life's last changes.
        await Projects.DeleteAsync(project, Ct);
        var second = new ProjectKey(NewOwner("second"), project.ProjectId);
        await Projects.CreateAsync(second, "Second life", cancellationToken: Ct);
        await Feedback.SubmitAsync(second, new NewFeedback("new life"), Ct);

        (await CountsAsync(second)).Should().Be(new FeedbackStatusCounts(1, 0, 0));
        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().BeNull("the first owner's project is gone, and so are its counts");
        await Projects.DeleteAsync(second, Ct);
        await Projector.CatchUpAsync(Ct);
        var claims = await Fixture.Client.ScanAsync(new ScanRequest { TableName = Table }, Ct);
        claims.Items.Should().NotContain(i => i.ContainsKey("feedPos"), "no claim, and so no counts, outlives its project");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public async Task A_sharded_projects_counts_come_from_every_shard_in_one_small_item(int shards)
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        await Projects.CreateAsync(project, "Viral", new ProjectOptions { FeedbackShards = shards }, Ct);
        var items = await SubmitManyAsync(project, 30);
        await Feedback.MoveManyAsync(project, [.. items.Take(10).Select(i => i.Id)], FeedbackStatus.InProgress, cancellationToken: Ct);
        await Feedback.MoveManyAsync(project, [.. items.Skip(25).Select(i => i.Id)], FeedbackStatus.Resolved, cancellationToken: Ct);
        await Feedback.DeleteAsync(project, items[12].Id, Ct);

        var counts = await CountsAsync(project);

        counts.Should().Be(new FeedbackStatusCounts(14, 10, 5));
        counts.Should().Be(await CountByReadingAsync(project));
    }

    private async Task<FeedbackStatusCounts> CountByReadingAsync(ProjectKey project)
    {
        var all = await Feedback.ListAllAsync(project, new FeedbackQuery { PageSize = 1_000 }, Ct).ToListAsync(Ct);
        return new FeedbackStatusCounts(
            all.Count(f => f.Status == FeedbackStatus.Open),
            all.Count(f => f.Status == FeedbackStatus.InProgress),
            all.Count(f => f.Status == FeedbackStatus.Resolved));
    }

    private async Task DeleteCheckpointsAsync()
    {
        var items = await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = "TAPKO" }, [":sk"] = new() { S = "FEED#SHARD#" } },
            },
            Ct);
        items.Items.Should().NotBeEmpty("the projector checkpoints every shard it read");
        foreach (var item in items.Items)
        {
            await Fixture.Client.DeleteItemAsync(Table, new() { ["PK"] = item["PK"], ["SK"] = item["SK"] }, Ct);
        }
    }

    private Task ExpireLeaseAsync() => Fixture.Client.DeleteItemAsync(Table, new() { ["PK"] = new() { S = "TAPKO" }, ["SK"] = new() { S = "FEED#LEASE" } }, Ct);
}
