namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Moving feedback between statuses, with and without an expected status, and deleting feedback.</summary>
public sealed class StatusUpdateTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "status")
{
    [Fact]
    public async Task A_status_update_moves_the_item_from_one_status_query_to_another()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 3);
        var later = Clock.Advance(TimeSpan.FromHours(2));

        var updated = await Feedback.UpdateStatusAsync(project, stored[1].Id, FeedbackStatus.InProgress, cancellationToken: Ct);

        updated.Should().Be(stored[1] with { Status = FeedbackStatus.InProgress, UpdatedAt = later });
        (await Feedback.GetAsync(project, stored[1].Id, Ct)).Should().Be(updated);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct))
            .Items.Should().Equal(stored[0], stored[2]);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.InProgress, cancellationToken: Ct)).Items.Should().Equal(updated);

        var resolved = await Feedback.UpdateStatusAsync(project, stored[1].Id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct);

        (await Feedback.ListByStatusAsync(project, FeedbackStatus.InProgress, cancellationToken: Ct)).Items.Should().BeEmpty();
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct)).Items.Should().Equal(resolved);
        (await Feedback.ListAsync(project, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items
            .Should().Equal(stored[0], resolved, stored[2]);
    }

    [Fact]
    public async Task Returned_feedback_equals_what_a_later_read_gives_when_the_clock_has_sub_millisecond_ticks()
    {
        var project = await NewProjectAsync();
        Clock.Advance(TimeSpan.FromTicks(9_876_543));
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("ticks"), Ct);
        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().Be(stored);

        Clock.Advance(TimeSpan.FromTicks(1_234_567));
        var updated = await Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().Be(updated);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct)).Items.Should().Equal(updated);
    }

    [Fact]
    public async Task A_status_update_keeps_the_created_at_position_in_the_index()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 4);

        // Resolved out of creation order: the index still sorts by when the feedback was created.
        var resolved = new Dictionary<FeedbackId, Feedback>();
        foreach (var index in new[] { 3, 0, 2 })
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            resolved[stored[index].Id] = await Feedback.UpdateStatusAsync(project, stored[index].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        }

        var page = await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct);

        page.Items.Should().Equal(resolved[stored[0].Id], resolved[stored[2].Id], resolved[stored[3].Id]);
        page.Items.Select(f => f.CreatedAt).Should().Equal(stored[0].CreatedAt, stored[2].CreatedAt, stored[3].CreatedAt);
    }

    [Fact]
    public async Task Setting_the_current_status_again_succeeds_and_only_moves_updated_at()
    {
        var project = await NewProjectAsync();
        var stored = (await SubmitManyAsync(project, 1))[0];
        var later = Clock.Advance(TimeSpan.FromSeconds(10));

        var same = await Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Open, FeedbackStatus.Open, Ct);

        same.Should().Be(stored with { UpdatedAt = later });
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct)).Items.Should().Equal(same);
    }

    [Fact]
    public async Task An_update_with_a_stale_expected_status_is_a_conflict_reporting_the_actual_status()
    {
        var project = await NewProjectAsync();
        var stored = (await SubmitManyAsync(project, 1))[0];
        var current = await Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.InProgress, FeedbackStatus.Open, Ct);

        var act = () => Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);

        var conflict = (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        conflict.Actual.Should().Be("in-progress");
        conflict.Message.Should().Contain("in-progress").And.Contain("open");
        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().Be(current, "nothing was changed");
    }

    [Fact]
    public async Task An_update_of_missing_feedback_is_not_found_and_creates_nothing()
    {
        var project = await NewProjectAsync();
        var missing = FeedbackId.New(Clock);

        var act = () => Feedback.UpdateStatusAsync(project, missing, FeedbackStatus.Resolved, cancellationToken: Ct);
        var withExpected = () => Feedback.UpdateStatusAsync(project, missing, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
        await withExpected.Should().ThrowAsync<TapkoNotFoundException>();
        (await Feedback.GetAsync(project, missing, Ct)).Should().BeNull();
        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task An_update_in_a_missing_project_is_not_found()
    {
        var act = () => Feedback.UpdateStatusAsync(new ProjectKey(NewOwner(), ProjectId.New()), FeedbackId.New(Clock), FeedbackStatus.Resolved, cancellationToken: Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
    }

    [Fact]
    public async Task Delete_returns_true_then_false()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 2);

        (await Feedback.DeleteAsync(project, stored[0].Id, Ct)).Should().BeTrue();
        (await Feedback.DeleteAsync(project, stored[0].Id, Ct)).Should().BeFalse();

        (await Feedback.GetAsync(project, stored[0].Id, Ct)).Should().BeNull();
        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().Equal(stored[1]);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct)).Items.Should().Equal(stored[1]);
    }

    [Fact]
    public async Task Delete_of_feedback_that_never_existed_is_false()
    {
        var project = await NewProjectAsync();

        (await Feedback.DeleteAsync(project, FeedbackId.New(Clock), Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Deleted_feedback_cannot_have_its_status_updated()
    {
        var project = await NewProjectAsync();
        var stored = (await SubmitManyAsync(project, 1))[0];
        await Feedback.DeleteAsync(project, stored.Id, Ct);

        var act = () => Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().BeNull("the update must not resurrect the item");
    }
}
