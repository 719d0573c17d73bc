namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// An owner who knows another owner's project id (it is public: it sits in the widget's page) and even feedback ids
/// can neither take the id, nor see, count, date or change anything of it, nor make the real owner's calls cost more.
/// Every answer is compared, capacity included, with the answer for a project that does not exist.
/// </summary>
public sealed class TenancyTests(DynamoDbFixture fixture) : MeteredStoreTestBase(fixture, "tenancy")
{
    private readonly UserId alice = NewOwner("alice");
    private readonly UserId bob = NewOwner("bob");

    [Fact]
    public async Task Nobody_can_take_a_project_id_another_owner_holds()
    {
        var (alicesProject, alicesFeedback) = await ArrangeAsync();
        var before = await ObserveAlicesReadsAsync(alicesProject);

        foreach (var squatter in new[] { bob, alice })
        {
            var squat = () => Projects.CreateAsync(new ProjectKey(squatter, ProjectId.Parse(alicesProject.ProjectId.Value)), "Mine now", cancellationToken: Ct);
            var refused = (await squat.Should().ThrowAsync<DuplicateItemException>($"the id is taken, whoever asks ({squatter})")).Which;
            refused.Message.Should().NotContain(alice.Value).And.NotContain(bob.Value);
            refused.InnerException.Should().BeNull("nothing of the holder's claim travels with the refusal");
        }

        // Bob's attempts to fill the partition fail before anything is written.
        foreach (var mode in new[] { SubmitMode.Transactional, SubmitMode.ReadThenWrite })
        {
            var store = NewFeedbackStore(o => o.SubmitMode = mode);
            var spam = () => store.SubmitAsync(new ProjectKey(bob, alicesProject.ProjectId), new NewFeedback(new string('x', NewFeedback.MaxMessageLength)), Ct);
            await spam.Should().ThrowAsync<TapkoNotFoundException>($"in {mode} mode");
        }

        (await Projects.GetAsync(new ProjectKey(bob, alicesProject.ProjectId), Ct)).Should().BeNull();
        (await ObserveAlicesReadsAsync(alicesProject)).Should().Equal(before, "nothing bob did changes what alice's reads return or cost");
        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback);
    }

    [Fact]
    public async Task Every_answer_about_another_owners_project_equals_the_answer_about_a_missing_one()
    {
        var (alicesProject, alicesFeedback) = await ArrangeAsync();
        var alicesToken = (await Feedback.ListAsync(alicesProject, new FeedbackQuery { PageSize = 1 }, Ct)).ContinuationToken;
        alicesToken.Should().NotBeNull();
        var ids = alicesFeedback.Select(f => f.Id).Append(FeedbackId.New(Clock)).ToList();

        var onAlicesProject = await ObserveAsync(new ProjectKey(bob, alicesProject.ProjectId), alicesFeedback, ids, alicesToken!);
        var onMissingProject = await ObserveAsync(new ProjectKey(bob, ProjectId.New()), alicesFeedback, ids, alicesToken!);

        onAlicesProject.Should().Equal(onMissingProject);
        onAlicesProject.Should().OnlyContain(line => !line.Contains("token=True", StringComparison.Ordinal), "no page of bob's carries a token");
        onAlicesProject.Should().Contain(line => line.Contains("R1 ", StringComparison.Ordinal), "each answer costs the one claim read a missing project costs");
        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback, "alice's feedback is untouched");
    }

    [Fact]
    public async Task A_submission_to_another_owners_project_is_not_found_whether_its_id_exists_or_not()
    {
        var (alicesProject, alicesFeedback) = await ArrangeAsync();
        var bobsKey = new ProjectKey(bob, alicesProject.ProjectId);
        var existing = alicesFeedback[0];

        foreach (var mode in new[] { SubmitMode.Transactional, SubmitMode.ReadThenWrite })
        {
            var store = NewFeedbackStore(o => o.SubmitMode = mode);
            var answers = new List<string>();
            foreach (var submission in new[]
            {
                new NewFeedback(existing.Message, existing.Payload) { Id = existing.Id },
                new NewFeedback("other text") { Id = existing.Id },
                new NewFeedback("other text") { Id = FeedbackId.New(Clock) },
            })
            {
                Recorder.Clear();
                var act = () => store.SubmitAsync(bobsKey, submission, Ct);
                var refused = (await act.Should().ThrowAsync<TapkoNotFoundException>($"in {mode} mode")).Which;
                refused.Message.Should().NotContain(alice.Value);
                answers.Add($"{refused.GetType().Name} R{Recorder.Read()} W{Recorder.Write()}");
            }

            answers.Distinct().Should().ContainSingle($"an existing and a fresh id get the same answer at the same cost in {mode} mode");
        }

        (await Feedback.GetAsync(alicesProject, existing.Id, Ct)).Should().Be(existing);
    }

    [Fact]
    public async Task Another_owner_cannot_toggle_rename_or_delete_alices_project()
    {
        var (alicesProject, alicesFeedback) = await ArrangeAsync();
        var before = await Projects.GetAsync(alicesProject, Ct);
        var bobsKey = new ProjectKey(bob, alicesProject.ProjectId);

        var toggle = () => Projects.SetCollectingFeedbackAsync(bobsKey, false, Ct);
        var rename = () => Projects.RenameAsync(bobsKey, "Hijacked", 1, Ct);
        await toggle.Should().ThrowAsync<TapkoNotFoundException>();
        await rename.Should().ThrowAsync<TapkoNotFoundException>();
        (await Projects.DeleteAsync(bobsKey, Ct)).Should().BeNull();
        (await Projects.ListAsync(bob, cancellationToken: Ct)).Items.Should().BeEmpty();

        (await Projects.GetAsync(alicesProject, Ct)).Should().Be(before);
        (await Feedback.ListAsync(alicesProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(alicesFeedback);
    }

    [Fact]
    public async Task An_id_is_free_again_once_its_project_is_deleted_and_the_next_owner_sees_nothing_of_the_last()
    {
        var (alicesProject, _) = await ArrangeAsync();
        (await Projects.DeleteAsync(alicesProject, Ct)).Should().Be(3);

        var bobsProject = new ProjectKey(bob, alicesProject.ProjectId);
        await Projects.CreateAsync(bobsProject, "Bob's now", cancellationToken: Ct);
        var bobs = await SubmitManyAsync(bobsProject, 2, "bob");

        (await Feedback.ListAsync(bobsProject, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(bobs);
        (await Feedback.ListAsync(alicesProject, cancellationToken: Ct)).Items.Should().BeEmpty();
        (await Feedback.GetAsync(alicesProject, bobs[0].Id, Ct)).Should().BeNull();
    }

    /// <summary>
    /// Alice's project with three feedback items (one in progress), a second apart.
    /// </summary>
    private async Task<(ProjectKey AlicesProject, List<Feedback> AlicesFeedback)> ArrangeAsync()
    {
        var alicesProject = await NewProjectAsync(alice, name: "Alice's project");
        var feedback = await SubmitManyAsync(alicesProject, 3, "alice");
        feedback[2] = await Feedback.UpdateStatusAsync(alicesProject, feedback[2].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        return (alicesProject, feedback);
    }

    /// <summary>What alice's usual reads return and cost.</summary>
    private async Task<List<string>> ObserveAlicesReadsAsync(ProjectKey alicesProject)
    {
        var seen = new List<string>();
        await Record(seen, "list", async () => await Feedback.ListAsync(alicesProject, new FeedbackQuery { PageSize = 50 }, Ct));
        await Record(seen, "open", async () => await Feedback.ListByStatusAsync(alicesProject, FeedbackStatus.Open, cancellationToken: Ct));
        return seen;
    }

    /// <summary>
    /// Every feedback method, with every kind of input, as <paramref name="caller"/>: the outcome (items, token, exception
    /// type) and the capacity of each call, in order. No project or feedback id appears in a line.
    /// </summary>
    private async Task<List<string>> ObserveAsync(ProjectKey caller, List<Feedback> known, List<FeedbackId> ids, string foreignToken)
    {
        // A store with a cold cache, as another service instance would have.
        var store = NewFeedbackStore();
        var seen = new List<string>();
        var first = known[0].CreatedAt;
        var ranges = new (DateTimeOffset? From, DateTimeOffset? To)[]
        {
            (null, null), (first, null), (null, first), (first, first.AddSeconds(1)), (DateTimeOffset.UnixEpoch, first.AddYears(80)),
        };

        foreach (var pageSize in new[] { 1, 2, 50 })
        {
            foreach (var order in new[] { SortOrder.NewestFirst, SortOrder.OldestFirst })
            {
                foreach (var (from, to) in ranges)
                {
                    var query = new FeedbackQuery { PageSize = pageSize, Order = order, CreatedFrom = from, CreatedTo = to };
                    await Record(seen, $"list {pageSize} {order} {from is null} {to is null}", async () => await store.ListAsync(caller, query, Ct));
                    foreach (var status in Enum.GetValues<FeedbackStatus>())
                    {
                        await Record(seen, $"status {status} {pageSize} {order}", async () => await store.ListByStatusAsync(caller, status, query, Ct));
                    }
                }
            }
        }

        await Record(seen, "foreign token", async () => await store.ListAsync(caller, new FeedbackQuery { PageSize = 1, ContinuationToken = foreignToken }, Ct));
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            await Record(seen, $"get {i}", async () => await store.GetAsync(caller, id, Ct));
            await Record(seen, $"update {i}", async () => await store.UpdateStatusAsync(caller, id, FeedbackStatus.Resolved, cancellationToken: Ct));
            await Record(seen, $"update expecting open {i}", async () => await store.UpdateStatusAsync(caller, id, FeedbackStatus.Resolved, FeedbackStatus.Open, Ct));
            await Record(seen, $"update expecting in-progress {i}", async () => await store.UpdateStatusAsync(caller, id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct));
            await Record(seen, $"delete {i}", async () => await store.DeleteAsync(caller, id, Ct));
        }

        foreach (var feedback in known)
        {
            await Record(seen, "resubmit", async () => await store.SubmitAsync(caller, new NewFeedback(feedback.Message, feedback.Payload) { Id = feedback.Id }, Ct));
        }

        return seen;
    }

    private async Task Record(List<string> seen, string what, Func<Task<object?>> call)
    {
        Recorder.Clear();
        string outcome;
        try
        {
            outcome = await call() switch
            {
                null => "null",
                Page<Feedback> page => $"items={page.Items.Count} token={page.ContinuationToken is not null}",
                Tapko.Data.Feedback => "feedback",
                bool flag => flag ? "true" : "false",
                { } other => other.GetType().Name,
            };
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
        }

        seen.Add($"{what}: {outcome} R{Recorder.Read()} W{Recorder.Write()} iR{Recorder.Read(Gsi1)} iW{Recorder.Write(Gsi1)}");
    }
}
