using System.Diagnostics;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// A project id is held by one owner at a time, and is free again once its project is deleted. What a deletion may
/// leave behind (a read-then-write submission whose put lands after the delete's last key query) never shows in a
/// later project under the same id, whoever creates it; in transactional mode nothing is left behind at all.
/// </summary>
public sealed class ProjectIdReuseTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "reuse")
{
    [Fact]
    public async Task A_transactional_delete_racing_submissions_leaves_no_feedback_behind()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 10);
        using var stop = new CancellationTokenSource();
        var accepted = 0;
        var submitters = Enumerable.Range(0, 8).Select(async worker =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Feedback.SubmitAsync(project, new NewFeedback($"racing {worker}"), Ct);
                    Interlocked.Increment(ref accepted);
                }
                catch (TapkoException)
                {
                    // Closed, being deleted or gone: the race is lost, as it should be once the delete has begun.
                }
            }
        }).ToList();

        // The delete starts once submissions are being accepted, however long that takes on a busy machine (a fixed
        // pause could end before any was); they go on racing it. The deadline only bounds a hang.
        var warmingUp = Stopwatch.StartNew();
        while (Volatile.Read(ref accepted) < 8 && !submitters.Any(s => s.IsCompleted))
        {
            warmingUp.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2), "the submitters must get going");
            await Task.Delay(10, Ct);
        }

        var deleted = await Projects.DeleteAsync(project, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(submitters);

        accepted.Should().BePositive("the submissions must really race the delete");
        deleted.Should().Be(10 + accepted, "every acknowledged submission was stored before the mark and deleted with the project");
        (await RawPartitionAsync(project.ProjectId)).Should().BeEmpty("no submission landed after the delete, and the claim is gone");
    }

    [Fact]
    public async Task Feedback_left_behind_by_an_earlier_life_is_removed_when_the_id_is_claimed_again()
    {
        var (alices, leftover) = await LeaveFeedbackBehindAsync();
        var bobs = new ProjectKey(NewOwner("bob"), alices.ProjectId);

        await Projects.CreateAsync(bobs, "Bob's now", cancellationToken: Ct);

        (await RawPartitionAsync(alices.ProjectId)).Select(i => i["SK"].S).Should().Equal(["CLAIM"], "the create removed the leftover before claiming the id");
        (await Feedback.GetAsync(bobs, leftover.Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Feedback_of_an_earlier_life_that_lands_after_the_id_is_claimed_again_never_shows()
    {
        // The slowest possible race: the leftover lands after the same owner has created the project again.
        var project = await NewProjectAsync();
        var incarnation = await IncarnationAsync(project);
        await Projects.DeleteAsync(project, Ct);
        await Projects.CreateAsync(project, "Again", cancellationToken: Ct);
        var current = await SubmitManyAsync(project, 2, "current");
        var leftover = await PutAsIfRacingAsync(project, incarnation);

        (await Feedback.ListAsync(project, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(current);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(current);
        (await Feedback.GetAsync(project, leftover.Id, Ct)).Should().BeNull();
        var update = () => Feedback.UpdateStatusAsync(project, leftover.Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        await update.Should().ThrowAsync<TapkoNotFoundException>();
        (await Feedback.DeleteAsync(project, leftover.Id, Ct)).Should().BeFalse();

        // Deleting the project again removes everything in the partition, the leftover included.
        (await Projects.DeleteAsync(project, Ct)).Should().Be(3);
        (await RawPartitionAsync(project.ProjectId)).Should().BeEmpty();
    }

    /// <summary>Alice's project, deleted; then a read-then-write put that read the project before the delete lands.</summary>
    private async Task<(ProjectKey Project, Feedback Leftover)> LeaveFeedbackBehindAsync()
    {
        var project = await NewProjectAsync(NewOwner("alice"));
        await SubmitManyAsync(project, 2);
        var incarnation = await IncarnationAsync(project);
        await Projects.DeleteAsync(project, Ct);
        return (project, await PutAsIfRacingAsync(project, incarnation));
    }

    /// <summary>Writes what a read-then-write submission of <paramref name="incarnation"/> writes, as its late put would.</summary>
    private async Task<Feedback> PutAsIfRacingAsync(ProjectKey project, string incarnation)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var id = FeedbackId.New(Clock);
        var feedback = new Feedback(project, id, "raced the delete", FeedbackStatus.Open, null, id.CreatedAt, id.CreatedAt);
        await Fixture.Client.PutItemAsync(new PutItemRequest { TableName = Table, Item = FeedbackItem.ToItem(feedback, null, incarnation, ShardLayout.One) }, Ct);
        return feedback;
    }

    private async Task<string> IncarnationAsync(ProjectKey project)
    {
        var item = await Fixture.Client.GetItemAsync(new GetItemRequest { TableName = Table, Key = PrimaryIndex.Key(TapkoKeys.Project(project)), ConsistentRead = true }, Ct);
        return ProjectItem.Incarnation(item.Item);
    }

    private async Task<List<Dictionary<string, AttributeValue>>> RawPartitionAsync(ProjectId id)
    {
        var response = await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = TapkoKeys.FeedbackPartition(id) } },
                ConsistentRead = true,
            },
            Ct);
        return response.Items ?? [];
    }
}
