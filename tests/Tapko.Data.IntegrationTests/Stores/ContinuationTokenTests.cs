namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Continuation tokens are opaque, URL-safe and bound to the query that produced them.</summary>
public sealed class ContinuationTokenTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "cursors")
{
    private static readonly FeedbackQuery FirstPage = new() { PageSize = 2 };

    [Fact]
    public async Task A_token_is_url_safe_and_continues_its_own_query()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 5);

        var first = await Feedback.ListAsync(project, FirstPage, Ct);
        first.ContinuationToken.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        var second = await Feedback.ListAsync(project, FirstPage with { ContinuationToken = first.ContinuationToken }, Ct);

        second.Items.Should().Equal(stored[2], stored[1]);
    }

    [Fact]
    public async Task A_token_may_continue_with_another_page_size()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 5);
        var first = await Feedback.ListAsync(project, FirstPage, Ct);

        var rest = await Feedback.ListAsync(project, new FeedbackQuery { PageSize = 50, ContinuationToken = first.ContinuationToken }, Ct);

        rest.Items.Should().Equal(stored[2], stored[1], stored[0]);
    }

    [Fact]
    public async Task A_token_of_another_project_of_the_same_owner_is_refused()
    {
        var owner = NewOwner();
        var project = await NewProjectAsync(owner);
        var other = await NewProjectAsync(owner);
        await SubmitManyAsync(project, 3);
        await SubmitManyAsync(other, 3);
        var token = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;

        await Refused(() => Feedback.ListAsync(other, FirstPage with { ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListByStatusAsync(other, FeedbackStatus.Open, FirstPage with { ContinuationToken = token }, Ct));
    }

    [Fact]
    public async Task A_token_presented_by_another_owner_is_refused_as_it_is_for_a_missing_project()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);
        var intruder = new ProjectKey(NewOwner("intruder"), project.ProjectId);
        var token = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;
        var statusToken = (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, FirstPage, Ct)).ContinuationToken;

        // Checked against the caller's own query before any request, so the answer cannot depend on the id being held.
        await Refused(() => Feedback.ListAsync(intruder, FirstPage with { ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListByStatusAsync(intruder, FeedbackStatus.Open, FirstPage with { ContinuationToken = statusToken }, Ct));
        await Refused(() => Feedback.ListAsync(new ProjectKey(intruder.Owner, ProjectId.New()), FirstPage with { ContinuationToken = token }, Ct));
    }

    [Fact]
    public async Task A_token_of_an_earlier_life_of_the_project_shows_nothing_of_that_life()
    {
        var project = await NewProjectAsync();
        var earlier = await SubmitManyAsync(project, 3);
        var token = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;
        await Projects.DeleteAsync(project, Ct);
        await Projects.CreateAsync(project, "Again", cancellationToken: Ct);
        var later = await SubmitManyAsync(project, 3);

        var page = await Feedback.ListAsync(project, FirstPage with { PageSize = 10, Order = SortOrder.OldestFirst, ContinuationToken = null }, Ct);
        var resumed = await Feedback.ListAsync(project, FirstPage with { PageSize = 10, ContinuationToken = token }, Ct);

        page.Items.Should().Equal(later);
        resumed.Items.Should().NotContain(f => earlier.Any(e => e.Id == f.Id));
    }

    [Fact]
    public async Task A_token_of_another_status_or_of_the_table_listing_is_refused_by_a_status_listing()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 6);
        foreach (var item in stored.Take(3))
        {
            await Feedback.UpdateStatusAsync(project, item.Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        }

        var openToken = (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, FirstPage, Ct)).ContinuationToken;
        var tableToken = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;
        openToken.Should().NotBeNull();

        await Refused(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, FirstPage with { ContinuationToken = openToken }, Ct));
        await Refused(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, FirstPage with { ContinuationToken = tableToken }, Ct));
        await Refused(() => Feedback.ListAsync(project, FirstPage with { ContinuationToken = openToken }, Ct));
    }

    [Fact]
    public async Task A_token_reused_with_another_order_is_refused()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);
        var token = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;

        await Refused(() => Feedback.ListAsync(project, FirstPage with { Order = SortOrder.OldestFirst, ContinuationToken = token }, Ct));
    }

    [Fact]
    public async Task A_token_reused_with_another_range_is_refused()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 6);
        var ranged = FirstPage with { CreatedFrom = stored[0].CreatedAt, CreatedTo = stored[^1].CreatedAt };
        var token = (await Feedback.ListAsync(project, ranged, Ct)).ContinuationToken;
        var unrangedToken = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken;

        (await Feedback.ListAsync(project, ranged with { ContinuationToken = token }, Ct)).Items.Should().Equal(stored[3], stored[2]);
        await Refused(() => Feedback.ListAsync(project, FirstPage with { ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListAsync(project, ranged with { CreatedFrom = stored[1].CreatedAt, ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListAsync(project, ranged with { CreatedTo = stored[^2].CreatedAt, ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListAsync(project, ranged with { ContinuationToken = unrangedToken }, Ct));
    }

    [Fact]
    public async Task A_modified_token_is_refused()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);
        var token = (await Feedback.ListAsync(project, FirstPage, Ct)).ContinuationToken!;

        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var variants = new[]
        {
            flipped,
            token[..^1],
            token + "A",
            token[1..],
            token.ToUpperInvariant(),
            token.Replace('-', '+').Replace('_', '/') + "==",
            "not a token",
            new string('A', 60),
            new string('x', 5_000),
        }.Where(v => v != token).Distinct().ToList();

        foreach (var variant in variants)
        {
            await Refused(() => Feedback.ListAsync(project, FirstPage with { ContinuationToken = variant }, Ct));
        }

        variants.Should().HaveCountGreaterThanOrEqualTo(8);
    }

    [Fact]
    public async Task A_project_listing_token_is_bound_to_its_owner_and_to_project_listings()
    {
        var owner = NewOwner();
        for (var i = 0; i < 3; i++)
        {
            await NewProjectAsync(owner);
        }

        var token = (await Projects.ListAsync(owner, new ProjectQuery { PageSize = 1 }, Ct)).ContinuationToken;
        token.Should().NotBeNull();
        var someProject = await NewProjectAsync(owner);

        (await Projects.ListAsync(owner, new ProjectQuery { PageSize = 1, ContinuationToken = token }, Ct)).Items.Should().ContainSingle();
        await Refused(() => Projects.ListAsync(NewOwner("other"), new ProjectQuery { ContinuationToken = token }, Ct));
        await Refused(() => Feedback.ListAsync(someProject, new FeedbackQuery { ContinuationToken = token }, Ct));
        var modified = token![..^2] + (token[^2] == 'A' ? "BA" : "AA");
        await Refused(() => Projects.ListAsync(owner, new ProjectQuery { ContinuationToken = modified }, Ct));
    }

    [Fact]
    public async Task With_a_signing_key_a_token_from_a_store_with_another_key_is_refused()
    {
        var keyA = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var keyB = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        var storeA = NewFeedbackStore(o => o.CursorSigningKey = keyA);
        var storeA2 = NewFeedbackStore(o => o.CursorSigningKey = (byte[])keyA.Clone());
        var storeB = NewFeedbackStore(o => o.CursorSigningKey = keyB);
        var unkeyed = Feedback;
        var projectsA = NewProjectStore(o => o.CursorSigningKey = keyA);
        var projectsB = NewProjectStore(o => o.CursorSigningKey = keyB);
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 4);
        await NewProjectAsync(project.Owner);

        var token = (await storeA.ListAsync(project, FirstPage, Ct)).ContinuationToken;
        var unkeyedToken = (await unkeyed.ListAsync(project, FirstPage, Ct)).ContinuationToken;
        var projectToken = (await projectsA.ListAsync(project.Owner, new ProjectQuery { PageSize = 1 }, Ct)).ContinuationToken;

        (await storeA2.ListAsync(project, FirstPage with { ContinuationToken = token }, Ct)).Items.Should().Equal(stored[1], stored[0]);
        await Refused(() => storeB.ListAsync(project, FirstPage with { ContinuationToken = token }, Ct));
        await Refused(() => unkeyed.ListAsync(project, FirstPage with { ContinuationToken = token }, Ct));
        await Refused(() => storeA.ListAsync(project, FirstPage with { ContinuationToken = unkeyedToken }, Ct));
        await Refused(() => projectsB.ListAsync(project.Owner, new ProjectQuery { ContinuationToken = projectToken }, Ct));
    }

    private static async Task Refused<T>(Func<Task<T>> list)
    {
        var thrown = await list.Should().ThrowAsync<InvalidContinuationTokenException>();
        thrown.Which.Message.Should().StartWith("The continuation token is not valid for this query");
    }
}
