namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// A second owner can neither see nor change the first owner's projects and feedback, and gets exactly the answers
/// it would get for missing items — even when both owners use the same project id string.
/// </summary>
public sealed class TenancyTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "tenancy")
{
    private readonly UserId alice = NewOwner("alice");
    private readonly UserId bob = NewOwner("bob");

    public static TheoryData<bool> SharedProjectId => [false, true];

    [Theory]
    [MemberData(nameof(SharedProjectId))]
    public async Task Another_owner_cannot_read_alices_project_or_feedback(bool bobHasAProjectWithTheSameId)
    {
        var (alicesProject, alicesFeedback, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId);

        if (!bobHasAProjectWithTheSameId)
        {
            (await Projects.GetAsync(bobsKey, Ct)).Should().BeNull();
        }

        (await Feedback.GetAsync(bobsKey, alicesFeedback[0].Id, Ct)).Should().BeNull();
        (await Feedback.ListAsync(bobsKey, cancellationToken: Ct)).Items.Should().NotContain(f => f.Project.Owner == alice);
        foreach (var status in Enum.GetValues<FeedbackStatus>())
        {
            (await Feedback.ListByStatusAsync(bobsKey, status, cancellationToken: Ct)).Items.Should().NotContain(f => f.Project.Owner == alice);
        }

        (await Projects.ListAsync(bob, cancellationToken: Ct)).Items.Should().NotContain(p => p.Key.Owner == alice);
        await foreach (var project in Projects.ListAllAsync(bob, Ct))
        {
            project.Key.Owner.Should().Be(bob);
        }

        // Alice still sees everything of hers.
        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback);
    }

    [Fact]
    public async Task Owners_sharing_a_project_id_page_through_only_their_own_feedback()
    {
        var shared = ProjectId.Parse("shared-project");
        var alicesProject = new ProjectKey(alice, shared);
        var bobsProject = new ProjectKey(bob, shared);
        await Projects.CreateAsync(alicesProject, "Alice's", cancellationToken: Ct);
        await Projects.CreateAsync(bobsProject, "Bob's", cancellationToken: Ct);

        // Interleaved in time, so every page of one owner's query crosses the other owner's items.
        var alices = new List<Feedback>();
        var bobs = new List<Feedback>();
        for (var i = 0; i < 12; i++)
        {
            alices.AddRange(await SubmitManyAsync(alicesProject, 1, "alice"));
            bobs.AddRange(await SubmitManyAsync(bobsProject, 1, "bob"));
        }

        foreach (var (key, expected) in new[] { (alicesProject, alices), (bobsProject, bobs) })
        {
            var table = await AllPagesAsync(t => Feedback.ListAsync(key, new FeedbackQuery { PageSize = 3, Order = SortOrder.OldestFirst, ContinuationToken = t }, Ct));
            var index = await AllPagesAsync(t => Feedback.ListByStatusAsync(key, FeedbackStatus.Open, new FeedbackQuery { PageSize = 3, Order = SortOrder.OldestFirst, ContinuationToken = t }, Ct));
            var ranged = await Feedback.ListAsync(key, new FeedbackQuery { CreatedFrom = alices[0].CreatedAt, CreatedTo = bobs[^1].CreatedAt, Order = SortOrder.OldestFirst }, Ct);

            table.SelectMany(p => p.Items).Should().Equal(expected);
            index.SelectMany(p => p.Items).Should().Equal(expected);
            ranged.Items.Should().Equal(expected);
        }

        (await Projects.GetAsync(alicesProject, Ct))!.Name.Should().Be("Alice's");
        (await Projects.GetAsync(bobsProject, Ct))!.Name.Should().Be("Bob's");
    }

    [Theory]
    [MemberData(nameof(SharedProjectId))]
    public async Task Another_owner_cannot_change_or_delete_alices_feedback(bool bobHasAProjectWithTheSameId)
    {
        var (alicesProject, alicesFeedback, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId);
        var target = alicesFeedback[0];

        var update = () => Feedback.UpdateStatusAsync(bobsKey, target.Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        var updateExpecting = () => Feedback.UpdateStatusAsync(bobsKey, target.Id, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct);
        var updateExpectingWrong = () => Feedback.UpdateStatusAsync(bobsKey, target.Id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct);

        // Exactly what a missing item gives: not found, never a conflict that would confirm the item exists.
        await update.Should().ThrowAsync<TapkoNotFoundException>();
        await updateExpecting.Should().ThrowAsync<TapkoNotFoundException>();
        await updateExpectingWrong.Should().ThrowAsync<TapkoNotFoundException>();
        (await Feedback.DeleteAsync(bobsKey, target.Id, Ct)).Should().BeFalse();

        (await Feedback.GetAsync(alicesProject, target.Id, Ct)).Should().Be(target, "alice's feedback is untouched");
    }

    [Theory]
    [MemberData(nameof(SharedProjectId))]
    public async Task Another_owner_cannot_toggle_rename_or_delete_alices_project(bool bobHasAProjectWithTheSameId)
    {
        var (alicesProject, alicesFeedback, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId);
        var before = await Projects.GetAsync(alicesProject, Ct);

        if (bobHasAProjectWithTheSameId)
        {
            // Bob changes and deletes his own project, which only shares the id string with Alice's.
            await Projects.SetCollectingFeedbackAsync(bobsKey, false, Ct);
            await Projects.RenameAsync(bobsKey, "Bob renamed", 2, Ct);
            (await Projects.DeleteAsync(bobsKey, Ct)).Should().Be(2, "only bob's own two items are deleted");
        }
        else
        {
            var toggle = () => Projects.SetCollectingFeedbackAsync(bobsKey, false, Ct);
            var rename = () => Projects.RenameAsync(bobsKey, "Hijacked", 1, Ct);
            await toggle.Should().ThrowAsync<TapkoNotFoundException>();
            await rename.Should().ThrowAsync<TapkoNotFoundException>();
            (await Projects.DeleteAsync(bobsKey, Ct)).Should().BeNull();
        }

        (await Projects.GetAsync(alicesProject, Ct)).Should().Be(before);
        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback);
        (await Projects.GetAsync(bobsKey, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Another_owner_cannot_submit_to_alices_project()
    {
        var (alicesProject, _, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId: false);

        foreach (var mode in new[] { SubmitMode.Transactional, SubmitMode.ReadThenWrite })
        {
            var store = NewFeedbackStore(o => o.SubmitMode = mode);
            var act = () => store.SubmitAsync(bobsKey, new NewFeedback("spam"), Ct);
            await act.Should().ThrowAsync<TapkoNotFoundException>($"in {mode} mode");
        }

        (await Feedback.ListAsync(alicesProject, cancellationToken: Ct)).Items.Should().OnlyContain(f => f.Project.Owner == alice);
    }

    [Fact]
    public async Task Another_owner_reusing_alices_feedback_id_in_a_shared_project_id_gets_no_data_back()
    {
        var (alicesProject, alicesFeedback, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId: true);
        var target = alicesFeedback[0];

        foreach (var mode in new[] { SubmitMode.Transactional, SubmitMode.ReadThenWrite })
        {
            var store = NewFeedbackStore(o => o.SubmitMode = mode);

            // Even a byte-identical submission must not hand alice's item to bob.
            var same = () => store.SubmitAsync(bobsKey, new NewFeedback(target.Message, target.Payload) { Id = target.Id }, Ct);
            var different = () => store.SubmitAsync(bobsKey, new NewFeedback("bob's text") { Id = target.Id }, Ct);

            (await same.Should().ThrowAsync<DuplicateItemException>($"in {mode} mode")).Which.Message.Should().NotContain(alice.Value);
            (await different.Should().ThrowAsync<DuplicateItemException>($"in {mode} mode")).Which.Message.Should().NotContain(alice.Value);
        }

        (await Feedback.GetAsync(alicesProject, target.Id, Ct)).Should().Be(target);
        (await Feedback.GetAsync(bobsKey, target.Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Deleting_a_project_leaves_another_owners_feedback_under_the_same_project_id_alone()
    {
        var (alicesProject, alicesFeedback, bobsKey) = await ArrangeAsync(bobHasAProjectWithTheSameId: true);
        await SubmitManyAsync(bobsKey, 28, "bob"); // more than one batch of bob's own

        (await Projects.DeleteAsync(bobsKey, Ct)).Should().Be(30);

        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback);
        (await Projects.GetAsync(alicesProject, Ct)).Should().NotBeNull();
    }

    /// <summary>
    /// Alice's project with three feedback items (one in progress); bob's key for the same project id, and when asked,
    /// a project of bob's under that same id with two feedback items of his own.
    /// </summary>
    private async Task<(ProjectKey AlicesProject, List<Feedback> AlicesFeedback, ProjectKey BobsKey)> ArrangeAsync(bool bobHasAProjectWithTheSameId)
    {
        var alicesProject = await NewProjectAsync(alice, name: "Alice's project");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var feedback = new List<Feedback>
        {
            await Feedback.SubmitAsync(alicesProject, new NewFeedback("alice 0") { Id = FeedbackId.New(Clock) }, Ct),
        };
        feedback.AddRange(await SubmitManyAsync(alicesProject, 2, "alice"));
        feedback[2] = await Feedback.UpdateStatusAsync(alicesProject, feedback[2].Id, FeedbackStatus.InProgress, cancellationToken: Ct);

        var bobsKey = new ProjectKey(bob, alicesProject.ProjectId);
        if (bobHasAProjectWithTheSameId)
        {
            await Projects.CreateAsync(bobsKey, "Bob's project", cancellationToken: Ct);
            await SubmitManyAsync(bobsKey, 2, "bob");
        }

        return (alicesProject, feedback, bobsKey);
    }
}
