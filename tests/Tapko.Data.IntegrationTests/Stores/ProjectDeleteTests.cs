using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Deleting a project removes the project item and all its feedback, in batches, and nothing else.</summary>
public sealed class ProjectDeleteTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "project-delete")
{
    [Fact]
    public async Task Delete_removes_the_project_and_all_its_feedback_in_several_batches()
    {
        using var capacity = new CapacityRecorder(Table);
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 60);
        capacity.Clear();

        var deleted = await Projects.DeleteAsync(project, Ct);

        deleted.Should().Be(60);
        (await Projects.GetAsync(project, Ct)).Should().BeNull();
        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().BeEmpty();
        (await RawItemCountAsync(TapkoKeys.FeedbackPartition(project.ProjectId))).Should().Be(0, "no feedback item may be left behind");

        // 60 deletes at 25 per BatchWriteItem: 25 + 25 + 10.
        capacity.All.Where(m => m.DynamoDbOperation == "BatchWriteItem" && m.Index is null)
            .Select(m => m.Value).Should().Equal([25, 25, 10], capacity.ToString());
    }

    [Fact]
    public async Task Delete_leaves_other_projects_feedback_alone()
    {
        var owner = NewOwner();
        var doomed = await NewProjectAsync(owner);
        var kept = await NewProjectAsync(owner);
        await SubmitManyAsync(doomed, 30);
        var keptFeedback = await SubmitManyAsync(kept, 4);

        (await Projects.DeleteAsync(doomed, Ct)).Should().Be(30);

        (await Projects.GetAsync(kept, Ct)).Should().NotBeNull();
        var remaining = (await Feedback.ListAsync(kept, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items;
        remaining.Should().Equal(keptFeedback);
    }

    [Fact]
    public async Task Delete_of_a_project_without_feedback_returns_zero()
    {
        var project = await NewProjectAsync();

        (await Projects.DeleteAsync(project, Ct)).Should().Be(0);
        (await Projects.GetAsync(project, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Deleting_twice_returns_null_the_second_time()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 2);

        (await Projects.DeleteAsync(project, Ct)).Should().Be(2);
        (await Projects.DeleteAsync(project, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Delete_of_a_missing_project_returns_null_and_creates_nothing()
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());

        (await Projects.DeleteAsync(project, Ct)).Should().BeNull();
        (await RawItemCountAsync(TapkoKeys.UserPartition(project.Owner))).Should().Be(0);
    }

    [Fact]
    public async Task A_deleted_project_refuses_submissions_and_can_be_created_again_empty()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);
        await Projects.DeleteAsync(project, Ct);

        var submit = () => Feedback.SubmitAsync(project, new NewFeedback("too late"), Ct);
        await submit.Should().ThrowAsync<TapkoNotFoundException>();

        var recreated = await Projects.CreateAsync(project, "Again", cancellationToken: Ct);
        recreated.Version.Should().Be(1);
        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_deletion_interrupted_after_its_first_step_is_finished_by_calling_delete_again()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 27);

        // What a crash right after the first request leaves: the project closed and marked, its feedback still there.
        await Fixture.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = Table,
                Key = Key(TapkoKeys.Project(project)),
                UpdateExpression = "SET isCollectingFeedback = :false, deletingSince = :now",
                ExpressionAttributeValues = new() { [":false"] = new() { BOOL = false }, [":now"] = new() { S = "2026-11-24T15:00:00.000Z" } },
            },
            Ct);

        // Meanwhile the project accepts nothing new and cannot be reopened.
        var submit = () => Feedback.SubmitAsync(project, new NewFeedback("during deletion"), Ct);
        await submit.Should().ThrowAsync<TapkoNotFoundException>();
        var reopen = () => Projects.SetCollectingFeedbackAsync(project, true, Ct);
        await reopen.Should().ThrowAsync<TapkoNotFoundException>();
        var rename = () => Projects.RenameAsync(project, "Renamed", 1, Ct);
        await rename.Should().ThrowAsync<TapkoNotFoundException>();

        (await Projects.DeleteAsync(project, Ct)).Should().Be(27);
        (await Projects.GetAsync(project, Ct)).Should().BeNull();
        (await RawItemCountAsync(TapkoKeys.FeedbackPartition(project.ProjectId))).Should().Be(0);
    }

    private static Dictionary<string, AttributeValue> Key(TapkoItemKey key) => new()
    {
        [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
        [PrimaryIndex.SortKey] = new() { S = key.SortKey },
    };

    /// <summary>Counts a partition's items with a plain Query, bypassing the store and its owner filter.</summary>
    private async Task<int> RawItemCountAsync(string partition)
    {
        var response = await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = partition } },
                Select = Select.COUNT,
                ConsistentRead = true,
            },
            Ct);
        return response.Count ?? 0;
    }
}
