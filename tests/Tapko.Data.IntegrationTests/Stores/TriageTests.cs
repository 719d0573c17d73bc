namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// What the owner's dashboard needs: exact counts per status, every page as a stream, and bulk status moves; for each
/// way of keeping counts (<see cref="StreamedTriageTests"/>, <see cref="MaintainedTriageTests"/>).
/// </summary>
public abstract class TriageTests(DynamoDbFixture fixture, StatusCountsMode mode) : StoreTestBase(fixture, "triage-" + mode.ToString().ToLowerInvariant())
{
    protected override void ConfigureStores(TapkoStoreOptions options) => options.StatusCounts = mode;

    [Fact]
    public async Task Counts_follow_every_submit_move_and_delete_exactly()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 6);
        var again = await Feedback.SubmitAsync(project, new NewFeedback(items[0].Message) { Id = items[0].Id }, Ct);
        again.Id.Should().Be(items[0].Id, "a repeat is the stored submission");

        await Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        await Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        await Feedback.UpdateStatusAsync(project, items[1].Id, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);
        await Feedback.UpdateStatusAsync(project, items[1].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        (await Feedback.DeleteAsync(project, items[2].Id, Ct)).Should().BeTrue();
        (await Feedback.DeleteAsync(project, items[2].Id, Ct)).Should().BeFalse();
        var stale = () => Feedback.UpdateStatusAsync(project, items[3].Id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct);
        (await stale.Should().ThrowAsync<ConcurrencyConflictException>()).Which.Actual.Should().Be("open");

        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(3, 2, 0));
        (await CountsAsync(project)).Should().Be(await CountByReadingAsync(project));
    }

    [Fact]
    public async Task Without_counters_counts_come_from_queries_and_match()
    {
        var uncounted = NewFeedbackStore(o => o.StatusCounts = StatusCountsMode.None);
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 4);
        await uncounted.MoveManyAsync(project, [items[0].Id, items[1].Id], FeedbackStatus.Resolved, cancellationToken: Ct);

        (await uncounted.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(2, 0, 2));
        (await uncounted.GetStatusCountsAsync(new ProjectKey(NewOwner(), project.ProjectId), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_bulk_move_reports_each_item_and_keeps_the_counts()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 5);
        await Feedback.UpdateStatusAsync(project, items[4].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        var missing = FeedbackId.New(Clock);

        var results = await Feedback.MoveManyAsync(project, [items[0].Id, items[1].Id, missing, items[4].Id], FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);

        results.Should().Equal(
            new FeedbackMoveResult(items[0].Id, FeedbackMoveOutcome.Moved),
            new FeedbackMoveResult(items[1].Id, FeedbackMoveOutcome.Moved),
            new FeedbackMoveResult(missing, FeedbackMoveOutcome.NotFound),
            new FeedbackMoveResult(items[4].Id, FeedbackMoveOutcome.Conflict, FeedbackStatus.InProgress));
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 1, 2));
        (await CountsAsync(project)).Should().Be(await CountByReadingAsync(project));
    }

    [Fact]
    public async Task A_bulk_move_of_more_than_one_transaction_moves_everything_once()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, ShardLayout.One.MoveBatchSize + 21);
        await Feedback.UpdateStatusAsync(project, items[7].Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        var results = await Feedback.MoveManyAsync(project, [.. items.Select(i => i.Id)], FeedbackStatus.InProgress, cancellationToken: Ct);

        results.Should().OnlyContain(r => r.Outcome == FeedbackMoveOutcome.Moved);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(0, items.Count, 0));
    }

    [Fact]
    public async Task Another_owner_gets_no_counts_and_moves_nothing()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 2);
        var bob = new ProjectKey(NewOwner("bob"), project.ProjectId);

        (await CountsAsync(bob)).Should().BeNull();
        (await Feedback.MoveManyAsync(bob, [items[0].Id], FeedbackStatus.Resolved, cancellationToken: Ct))
            .Should().Equal(new FeedbackMoveResult(items[0].Id, FeedbackMoveOutcome.NotFound));
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 0, 0));
    }

    [Fact]
    public async Task Bad_bulk_input_is_refused_before_any_request()
    {
        var project = await NewProjectAsync();
        var id = FeedbackId.New(Clock);

        var none = () => Feedback.MoveManyAsync(project, [], FeedbackStatus.Resolved, cancellationToken: Ct);
        var twice = () => Feedback.MoveManyAsync(project, [id, id], FeedbackStatus.Resolved, cancellationToken: Ct);
        var tooMany = () => Feedback.MoveManyAsync(project, [.. Enumerable.Range(0, IFeedbackStore.MaxMoveMany + 1).Select(_ => FeedbackId.New(Clock))], FeedbackStatus.Resolved, cancellationToken: Ct);

        await none.Should().ThrowAsync<ArgumentException>().WithParameterName("feedbackIds");
        await twice.Should().ThrowAsync<ArgumentException>().WithParameterName("feedbackIds");
        await tooMany.Should().ThrowAsync<ArgumentException>().WithParameterName("feedbackIds");
    }

    [Fact]
    public async Task Every_page_streams_lazily_in_order_and_stops_when_cancelled()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 7);
        await Feedback.UpdateStatusAsync(project, items[2].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        var small = new FeedbackQuery { PageSize = 2, Order = SortOrder.OldestFirst };

        var all = await Feedback.ListAllAsync(project, small, Ct).ToListAsync(Ct);
        var open = await Feedback.ListAllByStatusAsync(project, FeedbackStatus.Open, small, Ct).ToListAsync(Ct);

        all.Select(f => f.Id).Should().Equal(items.Select(i => i.Id));
        open.Select(f => f.Id).Should().Equal(items.Where((_, i) => i != 2).Select(i => i.Id));

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        var enumerate = async () =>
        {
            await foreach (var _ in Feedback.ListAllAsync(project, small, Ct).WithCancellation(cancel.Token))
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        };
        await enumerate.Should().ThrowAsync<OperationCanceledException>();
        seen.Should().BeLessThan(items.Count);
    }

    private async Task<FeedbackStatusCounts> CountByReadingAsync(ProjectKey project)
    {
        var all = await Feedback.ListAllAsync(project, new FeedbackQuery { PageSize = 1_000 }, Ct).ToListAsync(Ct);
        return new FeedbackStatusCounts(
            all.Count(f => f.Status == FeedbackStatus.Open),
            all.Count(f => f.Status == FeedbackStatus.InProgress),
            all.Count(f => f.Status == FeedbackStatus.Resolved));
    }
}
