namespace Tapko.Data.IntegrationTests.Sharding;

/// <summary>
/// Every access pattern on a sharded project behaves, for the caller, as on an unsharded one: get, move and delete by
/// id, exact counts, closing, idempotent retries, tenancy, and a delete that leaves nothing behind.
/// </summary>
public sealed class ShardedProjectTests(DynamoDbFixture fixture) : ShardedTestBase(fixture, "sharded")
{
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public async Task Get_move_and_delete_by_id_reach_the_items_shard_and_keep_counts_exact(int shards)
    {
        var project = await NewShardedProjectAsync(shards);
        var ids = await SubmitTwinsAsync([project], 30);

        foreach (var id in ids)
        {
            (await Feedback.GetAsync(project, id, Ct))!.Id.Should().Be(id);
        }

        var moved = await Feedback.UpdateStatusAsync(project, ids[0], FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);
        moved.Status.Should().Be(FeedbackStatus.Resolved);
        var conflict = () => Feedback.UpdateStatusAsync(project, ids[0], FeedbackStatus.InProgress, FeedbackStatus.Open, Ct);
        await conflict.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Feedback.DeleteAsync(project, ids[2], Ct)).Should().BeTrue();
        (await Feedback.DeleteAsync(project, ids[2], Ct)).Should().BeFalse();
        (await Feedback.GetAsync(project, ids[2], Ct)).Should().BeNull();

        // A bulk move whose items count in many heads: one transaction per 50 items, each with every head it touches.
        var results = await Feedback.MoveManyAsync(project, ids, FeedbackStatus.InProgress, cancellationToken: Ct);
        results.Count(r => r.Outcome == FeedbackMoveOutcome.Moved).Should().Be(29);
        results.Single(r => r.Outcome == FeedbackMoveOutcome.NotFound).Id.Should().Be(ids[2]);

        var all = await Feedback.ListAllAsync(project, cancellationToken: Ct).ToListAsync(Ct);
        var counts = await CountsAsync(project);
        counts.Should().Be(new FeedbackStatusCounts(
            all.Count(f => f.Status == FeedbackStatus.Open), all.Count(f => f.Status == FeedbackStatus.InProgress), all.Count(f => f.Status == FeedbackStatus.Resolved)));
        counts!.InProgress.Should().Be(29);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public async Task Counts_without_counters_are_counted_over_every_shard(int shards)
    {
        var counted = await NewShardedProjectAsync(shards);
        await SubmitTwinsAsync([counted], 20);
        var uncounted = NewFeedbackStore(o => o.StatusCounts = StatusCountsMode.None);

        var byQuery = await uncounted.GetStatusCountsAsync(counted, Ct);
        byQuery.Should().Be(await CountsAsync(counted));
        byQuery.Should().Be(new FeedbackStatusCounts(10, 6, 4));
    }

    [Fact]
    public async Task Concurrent_toggles_of_a_sharded_project_leave_its_item_and_every_head_agreeing()
    {
        var project = await NewShardedProjectAsync(16);

        // Four callers close and open at once: each toggle is one transaction of the item and its heads, retried from
        // the item when another lands first (at most three can), so whatever order they land in, no head is left behind.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => NewProjectStore().SetCollectingFeedbackAsync(project, i % 2 == 0, Ct)));
        var final = (await Projects.GetAsync(project, Ct))!;
        final.Version.Should().Be(5, "every toggle applied once");

        var accepted = 0;
        foreach (var id in DeterministicIds(200))
        {
            try
            {
                await Feedback.SubmitAsync(project, new NewFeedback("probe") { Id = id }, Ct);
                accepted++;
            }
            catch (FeedbackCollectionClosedException)
            {
            }
        }

        accepted.Should().Be(final.IsCollectingFeedback ? 200 : 0, "every head says what the project item says");
    }

    [Fact]
    public async Task A_closed_sharded_project_refuses_every_submission_and_accepts_again_when_reopened()
    {
        var project = await NewShardedProjectAsync(4);
        var widget = NewFeedbackStore();
        await Feedback.SubmitAsync(project, new NewFeedback("before"), Ct);

        var closed = await Projects.SetCollectingFeedbackAsync(project, false, Ct);
        closed.IsCollectingFeedback.Should().BeFalse();
        closed.FeedbackShards.Should().Be(4);

        // Enough ids that every head is hit: each one refuses.
        foreach (var id in DeterministicIds(200))
        {
            var owner = () => Feedback.SubmitAsync(project, new NewFeedback("closed") { Id = id }, Ct);
            await owner.Should().ThrowAsync<FeedbackCollectionClosedException>();
        }

        var anonymous = () => widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("closed"), Ct);
        await anonymous.Should().ThrowAsync<FeedbackCollectionClosedException>();

        await Projects.SetCollectingFeedbackAsync(project, true, Ct);
        await widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("after"), Ct);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 0, 0));
    }

    [Fact]
    public async Task A_repeated_submission_is_the_stored_one_and_a_reused_id_is_refused()
    {
        var project = await NewShardedProjectAsync(16);
        var id = FeedbackId.New(Clock);

        var first = await Feedback.SubmitAsync(project, new NewFeedback("once") { Id = id }, Ct);
        var again = await Feedback.SubmitAsync(project, new NewFeedback("once") { Id = id }, Ct);
        var widget = await NewFeedbackStore().SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("once") { Id = id }, Ct);
        again.Should().Be(first);
        widget.Id.Should().Be(id);

        var reused = () => Feedback.SubmitAsync(project, new NewFeedback("different") { Id = id }, Ct);
        await reused.Should().ThrowAsync<DuplicateItemException>();

        // Closed since: the retry of a stored submission is still that submission.
        await Projects.SetCollectingFeedbackAsync(project, false, Ct);
        (await Feedback.SubmitAsync(project, new NewFeedback("once") { Id = id }, Ct)).Should().Be(first);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(1, 0, 0));
    }

    [Fact]
    public async Task Read_then_write_mode_submits_to_a_sharded_project_through_its_heads()
    {
        var project = await NewShardedProjectAsync(4);
        var store = NewFeedbackStore(o =>
        {
            o.SubmitMode = SubmitMode.ReadThenWrite;
            o.StatusCounts = StatusCountsMode.None;
        });

        var stored = await store.SubmitAsync(project, new NewFeedback("read then write"), Ct);
        await store.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("widget"), Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().Be(stored);
        (await store.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(2, 0, 0), "every shard is counted");
        await Projects.SetCollectingFeedbackAsync(project, false, Ct);
        var closed = () => store.SubmitAsync(project, new NewFeedback("closed"), Ct);
        await closed.Should().ThrowAsync<FeedbackCollectionClosedException>();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public async Task Delete_removes_every_shard_every_head_and_the_claim_and_frees_the_id(int shards)
    {
        var project = await NewShardedProjectAsync(shards);
        await SubmitTwinsAsync([project], 40);
        (await KeysOfAsync(project)).Should().HaveCount(40 + (shards * 8 > 96 ? 96 : shards * 8) + 2);

        (await Projects.DeleteAsync(project, Ct)).Should().Be(40);

        (await KeysOfAsync(project)).Should().BeEmpty();
        var submit = () => NewFeedbackStore().SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("gone"), Ct);
        await submit.Should().ThrowAsync<TapkoNotFoundException>();
        await Projects.CreateAsync(new ProjectKey(NewOwner(), project.ProjectId), "Next life", cancellationToken: Ct);
    }

    [Fact]
    public async Task A_submission_to_a_project_being_deleted_is_refused_as_missing()
    {
        var project = await NewShardedProjectAsync(4);
        var widget = NewFeedbackStore();
        await widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("cached claim"), Ct);

        // The heads go first: a submission with the claim still cached finds its head gone.
        await Projects.DeleteAsync(project, Ct);
        var late = () => widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("late"), Ct);
        await late.Should().ThrowAsync<TapkoNotFoundException>();
        (await KeysOfAsync(project)).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_owners_sharded_project_answers_like_a_missing_one()
    {
        var project = await NewShardedProjectAsync(16);
        var ids = await SubmitTwinsAsync([project], 10);
        var intruder = new ProjectKey(NewOwner("intruder"), project.ProjectId);
        var missing = new ProjectKey(intruder.Owner, ProjectId.New());
        var costs = new List<(double, double)>();

        foreach (var key in new[] { intruder, missing })
        {
            var store = NewFeedbackStore();
            Recorder.Clear();
            (await store.GetAsync(key, ids[0], Ct)).Should().BeNull();
            (await store.ListAsync(key, cancellationToken: Ct)).Items.Should().BeEmpty();
            (await store.ListByStatusAsync(key, FeedbackStatus.Open, cancellationToken: Ct)).Items.Should().BeEmpty();
            (await store.GetStatusCountsAsync(key, Ct)).Should().BeNull();
            (await store.DeleteAsync(key, ids[0], Ct)).Should().BeFalse();
            (await store.MoveManyAsync(key, ids, FeedbackStatus.Resolved, cancellationToken: Ct)).Should().OnlyContain(r => r.Outcome == FeedbackMoveOutcome.NotFound);
            var submit = () => store.SubmitAsync(key, new NewFeedback("mine"), Ct);
            await submit.Should().ThrowAsync<TapkoNotFoundException>();
            var toggle = () => Projects.SetCollectingFeedbackAsync(key, false, Ct);
            await toggle.Should().ThrowAsync<TapkoNotFoundException>();
            (await Projects.DeleteAsync(key, Ct)).Should().BeNull();
            costs.Add((Recorder.Read(), Recorder.Write()));
        }

        costs[0].Should().Be(costs[1], "another owner's project costs what a missing one does");

        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(6, 2, 2));
        (await Projects.GetAsync(project, Ct))!.IsCollectingFeedback.Should().BeTrue();
    }

    [Fact]
    public async Task Shard_counts_out_of_range_are_refused_before_any_request()
    {
        foreach (var shards in new[] { 0, -1, ProjectRules.MaxFeedbackShards + 1 })
        {
            var create = () => Projects.CreateAsync(new ProjectKey(NewOwner(), ProjectId.New()), "Bad", new ProjectOptions { FeedbackShards = shards }, Ct);
            (await create.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("options");
        }

        var max = await NewShardedProjectAsync(ProjectRules.MaxFeedbackShards);
        await Feedback.SubmitAsync(max, new NewFeedback("fits"), Ct);
    }
}
