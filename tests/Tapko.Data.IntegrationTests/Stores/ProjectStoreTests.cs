namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Create, get, list, toggle and rename projects against DynamoDB Local.</summary>
public sealed class ProjectStoreTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "projects")
{
    /// <summary>No streamed counts or events here: the table goes without the stream, which DynamoDB Local writes slowly.</summary>
    protected override bool ChangeFeed => false;

    [Fact]
    public async Task Create_then_get_returns_the_same_project()
    {
        var key = new ProjectKey(NewOwner(), ProjectId.New());

        var created = await Projects.CreateAsync(key, "Checkout widget", isCollectingFeedback: false, Ct);
        var read = await Projects.GetAsync(key, Ct);

        created.Should().Be(new Project(key, "Checkout widget", false, Clock.GetUtcNow(), Clock.GetUtcNow(), 1));
        read.Should().Be(created);
    }

    [Fact]
    public async Task Returned_projects_equal_what_a_later_read_gives_when_the_clock_has_sub_millisecond_ticks()
    {
        Clock.Set(new DateTimeOffset(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero).AddTicks(4_567));
        var key = new ProjectKey(NewOwner(), ProjectId.New());

        var created = await Projects.CreateAsync(key, "Ticks", cancellationToken: Ct);
        (await Projects.GetAsync(key, Ct)).Should().Be(created);

        Clock.Advance(TimeSpan.FromTicks(12_345_678));
        var toggled = await Projects.SetCollectingFeedbackAsync(key, false, Ct);
        (await Projects.GetAsync(key, Ct)).Should().Be(toggled);
        toggled.UpdatedAt.Ticks.Should().Be(toggled.UpdatedAt.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task Create_defaults_to_collecting_feedback()
    {
        var key = await NewProjectAsync();

        (await Projects.GetAsync(key, Ct))!.IsCollectingFeedback.Should().BeTrue();
    }

    [Fact]
    public async Task Creating_the_same_project_twice_is_refused_and_keeps_the_first()
    {
        var key = new ProjectKey(NewOwner(), ProjectId.New());
        var first = await Projects.CreateAsync(key, "First", cancellationToken: Ct);

        var again = () => Projects.CreateAsync(key, "Second", cancellationToken: Ct);

        // The probe of the id's partition finds the claim: refused without a write.
        (await again.Should().ThrowAsync<DuplicateItemException>())
            .WithMessage($"The project id '{key.ProjectId}' is already taken*");
        (await Projects.GetAsync(key, Ct)).Should().Be(first);
    }

    [Fact]
    public async Task Get_of_a_missing_project_is_null()
    {
        (await Projects.GetAsync(new ProjectKey(NewOwner(), ProjectId.New()), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task List_pages_through_every_project_of_the_owner_once_in_id_order()
    {
        var owner = NewOwner();
        var keys = new List<ProjectKey>();
        for (var i = 0; i < 7; i++)
        {
            keys.Add(await NewProjectAsync(owner, name: $"Project {i}"));
        }

        await NewProjectAsync(); // another owner's project never shows up

        var pages = await AllPagesAsync(token => Projects.ListAsync(owner, new ProjectQuery { PageSize = 3, ContinuationToken = token }, Ct));

        pages.Select(p => p.Items.Count).Should().StartWith([3, 3]);
        var listed = pages.SelectMany(p => p.Items).Select(p => p.Key).ToList();
        listed.Should().Equal(keys.OrderBy(k => k.ProjectId.Value, StringComparer.Ordinal));
        pages[^1].HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task List_with_the_default_query_returns_everything_in_one_page()
    {
        var owner = NewOwner();
        var created = new List<Project>();
        for (var i = 0; i < 3; i++)
        {
            var key = new ProjectKey(owner, ProjectId.Parse($"p-{i}"));
            created.Add(await Projects.CreateAsync(key, $"Project {i}", i % 2 == 0, Ct));
        }

        var page = await Projects.ListAsync(owner, cancellationToken: Ct);

        page.Items.Should().Equal(created);
        page.ContinuationToken.Should().BeNull();
    }

    [Fact]
    public async Task List_of_an_owner_without_projects_is_empty()
    {
        var page = await Projects.ListAsync(NewOwner(), cancellationToken: Ct);

        page.Items.Should().BeEmpty();
        page.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task ListAll_enumerates_every_project_of_the_owner()
    {
        var owner = NewOwner();
        var keys = new List<ProjectKey>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add(await NewProjectAsync(owner));
        }

        await NewProjectAsync();

        var all = new List<Project>();
        await foreach (var project in Projects.ListAllAsync(owner, Ct))
        {
            all.Add(project);
        }

        all.Select(p => p.Key).Should().BeEquivalentTo(keys).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task SetCollecting_returns_the_new_state_and_bumps_the_version()
    {
        var key = await NewProjectAsync();
        var created = (await Projects.GetAsync(key, Ct))!;
        var later = Clock.Advance(TimeSpan.FromMinutes(5));

        var closed = await Projects.SetCollectingFeedbackAsync(key, false, Ct);

        closed.Should().Be(created with { IsCollectingFeedback = false, UpdatedAt = later, Version = 2 });
        (await Projects.GetAsync(key, Ct)).Should().Be(closed);

        var reopened = await Projects.SetCollectingFeedbackAsync(key, true, Ct);
        reopened.IsCollectingFeedback.Should().BeTrue();
        reopened.Version.Should().Be(3);
    }

    [Fact]
    public async Task SetCollecting_to_the_current_state_still_succeeds_and_bumps_the_version()
    {
        var key = await NewProjectAsync(collecting: true);

        var same = await Projects.SetCollectingFeedbackAsync(key, true, Ct);

        same.IsCollectingFeedback.Should().BeTrue();
        same.Version.Should().Be(2);
    }

    [Fact]
    public async Task SetCollecting_of_a_missing_project_is_not_found_and_creates_nothing()
    {
        var key = new ProjectKey(NewOwner(), ProjectId.New());

        var act = () => Projects.SetCollectingFeedbackAsync(key, true, Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
        (await Projects.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Rename_at_the_current_version_renames_and_bumps_the_version()
    {
        var key = await NewProjectAsync(name: "Old");
        var later = Clock.Advance(TimeSpan.FromSeconds(30));

        var renamed = await Projects.RenameAsync(key, "New name", expectedVersion: 1, Ct);

        renamed.Name.Should().Be("New name");
        renamed.Version.Should().Be(2);
        renamed.UpdatedAt.Should().Be(later);
        (await Projects.GetAsync(key, Ct)).Should().Be(renamed);
    }

    [Fact]
    public async Task Rename_at_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var key = await NewProjectAsync(name: "Original");
        await Projects.SetCollectingFeedbackAsync(key, false, Ct); // version 2
        var before = await Projects.GetAsync(key, Ct);

        var act = () => Projects.RenameAsync(key, "Stale edit", expectedVersion: 1, Ct);

        var conflict = (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        conflict.Actual.Should().Be("2");
        conflict.Message.Should().Contain("version 2").And.Contain("not 1");
        (await Projects.GetAsync(key, Ct)).Should().Be(before);
    }

    [Fact]
    public async Task Two_renames_from_the_same_read_let_exactly_one_win()
    {
        var key = await NewProjectAsync(name: "Original");
        var seen = (await Projects.GetAsync(key, Ct))!;

        var first = await Projects.RenameAsync(key, "Alice's edit", seen.Version, Ct);
        var second = () => Projects.RenameAsync(key, "Bob's edit", seen.Version, Ct);

        await second.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Projects.GetAsync(key, Ct)).Should().Be(first);
    }

    [Fact]
    public async Task Rename_of_a_missing_project_is_not_found()
    {
        var act = () => Projects.RenameAsync(new ProjectKey(NewOwner(), ProjectId.New()), "Name", 1, Ct);

        await act.Should().ThrowAsync<TapkoNotFoundException>();
    }

    [Fact]
    public async Task ListAll_crosses_its_own_page_boundary_of_a_thousand_projects()
    {
        var owner = NewOwner();
        var keys = Enumerable.Range(0, PageLimits.MaxPageSize + 7).Select(i => new ProjectKey(owner, ProjectId.Parse($"p{i:D5}"))).ToList();
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct },
            async (key, ct) => await Projects.CreateAsync(key, "bulk", cancellationToken: ct));

        var all = new List<ProjectKey>();
        await foreach (var project in Projects.ListAllAsync(owner, Ct))
        {
            all.Add(project.Key);
        }

        all.Should().Equal(keys);
    }
}
