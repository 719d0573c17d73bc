using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Submitting feedback: the project check, idempotent retries, and reading it back.</summary>
public sealed class FeedbackSubmitTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "submit")
{
    public static TheoryData<SubmitMode> Modes => [SubmitMode.Transactional, SubmitMode.ReadThenWrite];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Submit_stores_open_feedback_that_get_returns(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse("""{"page":"/checkout","rating":4}""").RootElement;

        var stored = await feedback.SubmitAsync(project, new NewFeedback("The pay button is hidden", payload), Ct);

        stored.Project.Should().Be(project);
        stored.Status.Should().Be(FeedbackStatus.Open);
        stored.Message.Should().Be("The pay button is hidden");
        stored.CreatedAt.Should().Be(Clock.GetUtcNow(), "the store mints the id from its clock");
        stored.UpdatedAt.Should().Be(stored.CreatedAt);
        stored.CreatedAt.Should().Be(stored.Id.CreatedAt);

        var read = await feedback.GetAsync(project, stored.Id, Ct);
        read.Should().NotBeNull();
        JsonSemantics.SameFeedback(read!, stored).Should().BeTrue();
        JsonSemantics.AreEqual(read!.Payload!.Value, payload).Should().BeTrue();
    }

    [Fact]
    public async Task Submit_without_a_payload_reads_back_without_one()
    {
        var project = await NewProjectAsync();

        var stored = await Feedback.SubmitAsync(project, new NewFeedback("plain"), Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct)).Should().Be(stored);
        stored.Payload.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_closed_project_refuses_submissions_until_it_is_reopened(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync(collecting: false);

        var refused = () => feedback.SubmitAsync(project, new NewFeedback("while closed"), Ct);
        (await refused.Should().ThrowAsync<FeedbackCollectionClosedException>()).Which.Project.Should().Be(project);
        (await feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().BeEmpty("a refused submission writes nothing");

        await Projects.SetCollectingFeedbackAsync(project, true, Ct);
        var accepted = await feedback.SubmitAsync(project, new NewFeedback("after reopening"), Ct);

        (await feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().ContainSingle().Which.Should().Be(accepted);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_submission_refused_while_closed_is_accepted_when_retried_with_the_same_id_after_reopening(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync(collecting: false);
        var submission = new NewFeedback("retried by the widget") { Id = FeedbackId.New(Clock) };

        var refused = () => feedback.SubmitAsync(project, submission, Ct);
        await refused.Should().ThrowAsync<FeedbackCollectionClosedException>();

        await Projects.SetCollectingFeedbackAsync(project, true, Ct);
        var accepted = await feedback.SubmitAsync(project, submission, Ct);

        accepted.Id.Should().Be(submission.Id!.Value);
        (await feedback.GetAsync(project, accepted.Id, Ct)).Should().Be(accepted);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Submit_to_a_missing_project_is_not_found(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = new ProjectKey(NewOwner(), ProjectId.New());

        var act = () => feedback.SubmitAsync(project, new NewFeedback("hello?"), Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
        (await RawFeedbackCountAsync(project)).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_retry_that_spells_its_numbers_differently_is_the_same_submission(SubmitMode mode)
    {
        // DynamoDB's request token compares request bytes; the library canonicalises numbers so that a client whose
        // serializer writes 1.5 where the first attempt wrote 1.50 still gets the same submission back, not a duplicate.
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var id = FeedbackId.New(Clock);
        var spellings = new[]
        {
            """{"price":1.50,"count":2e0,"tiny":15E-21}""",
            """{"price":1.5,"count":2,"tiny":1.5e-20}""",
            """{"price":0.15e1,"count":2.000,"tiny":0.000000000000000000015}""",
        };

        var first = await feedback.SubmitAsync(project, new NewFeedback("same values", JsonDocument.Parse(spellings[0]).RootElement) { Id = id }, Ct);
        foreach (var spelling in spellings.Skip(1))
        {
            var again = await feedback.SubmitAsync(project, new NewFeedback("same values", JsonDocument.Parse(spelling).RootElement) { Id = id }, Ct);
            JsonSemantics.SameFeedback(again, first).Should().BeTrue($"{spelling} is the same submission in {mode} mode");
        }

        (await RawFeedbackCountAsync(project)).Should().Be(1);
        var stored = await Feedback.GetAsync(project, id, Ct);
        stored!.Payload!.Value.GetProperty("price").GetRawText().Should().Be("1.5");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_repeated_submission_returns_the_stored_feedback_and_writes_it_once(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse("""{"browser":"Firefox","tags":["a","b"],"score":1.50}""").RootElement;
        var submission = new NewFeedback("Typo on the pricing page", payload) { Id = FeedbackId.New(Clock) };

        var first = await feedback.SubmitAsync(project, submission, Ct);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await feedback.SubmitAsync(project, submission, Ct);
        var third = await feedback.SubmitAsync(project, submission, Ct);

        foreach (var repeat in new[] { second, third })
        {
            JsonSemantics.SameFeedback(repeat, first).Should().BeTrue();
            JsonSemantics.AreEqual(repeat.Payload!.Value, payload).Should().BeTrue();
        }

        (await RawFeedbackCountAsync(project)).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_repeated_submission_still_returns_the_stored_feedback_after_the_project_closed(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var submission = new NewFeedback("sent just before closing") { Id = FeedbackId.New(Clock) };
        var first = await feedback.SubmitAsync(project, submission, Ct);

        await Projects.SetCollectingFeedbackAsync(project, false, Ct);
        var retry = await feedback.SubmitAsync(project, submission, Ct);

        retry.Should().Be(first);
        (await RawFeedbackCountAsync(project)).Should().Be(1);
        var fresh = () => feedback.SubmitAsync(project, new NewFeedback("sent after closing"), Ct);
        await fresh.Should().ThrowAsync<FeedbackCollectionClosedException>();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_repeated_submission_after_a_status_change_does_not_reset_the_status(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var submission = new NewFeedback("retried late") { Id = FeedbackId.New(Clock) };
        var first = await feedback.SubmitAsync(project, submission, Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var triaged = await feedback.UpdateStatusAsync(project, first.Id, FeedbackStatus.InProgress, cancellationToken: Ct);

        var retry = await feedback.SubmitAsync(project, submission, Ct);

        // Within DynamoDB's 10-minute idempotency window a transactional retry replays the first answer (status open);
        // otherwise the item as stored now comes back. Either way it is the same feedback, and nothing was written.
        retry.Should().BeOneOf(first, triaged);
        (await feedback.GetAsync(project, first.Id, Ct)).Should().Be(triaged);
        (await RawFeedbackCountAsync(project)).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_same_id_with_other_content_is_a_duplicate_and_keeps_the_first(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var id = FeedbackId.New(Clock);
        var first = await feedback.SubmitAsync(project, new NewFeedback("original") { Id = id }, Ct);

        var otherMessage = () => feedback.SubmitAsync(project, new NewFeedback("different") { Id = id }, Ct);
        var otherPayload = () => feedback.SubmitAsync(
            project, new NewFeedback("original", JsonDocument.Parse("""{"x":1}""").RootElement) { Id = id }, Ct);

        await otherMessage.Should().ThrowAsync<DuplicateItemException>();
        await otherPayload.Should().ThrowAsync<DuplicateItemException>();
        (await feedback.GetAsync(project, id, Ct)).Should().Be(first);
        (await RawFeedbackCountAsync(project)).Should().Be(1);
    }

    [Fact]
    public async Task Get_of_missing_feedback_is_null()
    {
        var project = await NewProjectAsync();

        (await Feedback.GetAsync(project, FeedbackId.New(), Ct)).Should().BeNull();
        (await Feedback.GetAsync(new ProjectKey(NewOwner(), ProjectId.New()), FeedbackId.New(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Get_with_consistent_reads_returns_the_same_feedback()
    {
        var project = await NewProjectAsync();
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("consistent"), Ct);

        var consistent = NewFeedbackStore(o => o.ConsistentReads = true);

        (await consistent.GetAsync(project, stored.Id, Ct)).Should().Be(stored);
    }

    [Fact]
    public async Task Submissions_with_ids_minted_by_the_store_never_collide()
    {
        var project = await NewProjectAsync();

        // The clock stands still: every id has the same timestamp and differs only in its random part.
        var stored = new List<Feedback>();
        for (var i = 0; i < 20; i++)
        {
            stored.Add(await Feedback.SubmitAsync(project, new NewFeedback($"same millisecond {i}"), Ct));
        }

        stored.Select(f => f.Id).Should().OnlyHaveUniqueItems();
        (await RawFeedbackCountAsync(project)).Should().Be(20);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Concurrent_submissions_to_one_project_are_all_stored_once(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o =>
        {
            o.SubmitMode = mode;
            o.TransactionConflictMaxAttempts = 50;
        });
        var project = await NewProjectAsync();
        var submissions = Enumerable.Range(0, 16).Select(i => new NewFeedback($"concurrent {i}") { Id = FeedbackId.New(Clock) }).ToList();

        // Every submission sent twice at once, as a client retrying on a timeout would.
        var results = await Task.WhenAll(submissions.Concat(submissions).Select(s => Task.Run(() => feedback.SubmitAsync(project, s, Ct), Ct)));

        results.Select(r => r.Id.ToString()).Distinct().Should().BeEquivalentTo(submissions.Select(s => s.Id!.Value.ToString()));
        (await RawFeedbackCountAsync(project)).Should().Be(submissions.Count);
    }

    private async Task<int> RawFeedbackCountAsync(ProjectKey project)
    {
        var response = await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                // The partition also holds the claim on the project id; only feedback keys are counted.
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :feedback)",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = TapkoKeys.FeedbackPartition(project.ProjectId) },
                    [":feedback"] = new() { S = TapkoKeys.FeedbackSortKeyPrefix },
                },
                Select = Select.COUNT,
                ConsistentRead = true,
            },
            Ct);
        return response.Count ?? 0;
    }
}
