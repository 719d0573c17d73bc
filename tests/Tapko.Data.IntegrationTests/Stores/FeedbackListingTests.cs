namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Listing a project's feedback on the table and by status on GSI1: order, paging and created-at ranges.</summary>
public sealed class FeedbackListingTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "listing")
{
    [Fact]
    public async Task List_is_newest_first_by_default_and_oldest_first_on_request()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 6);

        var newest = await Feedback.ListAsync(project, cancellationToken: Ct);
        var oldest = await Feedback.ListAsync(project, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct);

        newest.Items.Should().Equal(Enumerable.Reverse(stored));
        oldest.Items.Should().Equal(stored);
        newest.HasMore.Should().BeFalse();
        oldest.HasMore.Should().BeFalse();
    }

    [Theory]
    [InlineData(SortOrder.NewestFirst)]
    [InlineData(SortOrder.OldestFirst)]
    public async Task Paging_returns_every_item_exactly_once_in_order(SortOrder order)
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 23);
        var expected = order == SortOrder.OldestFirst ? stored : Enumerable.Reverse(stored).ToList();

        var pages = await AllPagesAsync(token =>
            Feedback.ListAsync(project, new FeedbackQuery { Order = order, PageSize = 5, ContinuationToken = token }, Ct));

        pages.Take(4).Should().OnlyContain(p => p.Items.Count == 5 && p.HasMore);
        pages.SelectMany(p => p.Items).Should().Equal(expected);
        pages[^1].HasMore.Should().BeFalse();
        pages.Should().HaveCountLessThanOrEqualTo(6, "23 items in pages of 5 need 5 pages, plus at most one empty last page");
    }

    [Fact]
    public async Task Paging_by_exact_multiples_ends_with_no_lost_or_repeated_items()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 10);

        var pages = await AllPagesAsync(token =>
            Feedback.ListAsync(project, new FeedbackQuery { Order = SortOrder.OldestFirst, PageSize = 5, ContinuationToken = token }, Ct));

        pages.SelectMany(p => p.Items).Should().Equal(stored);
    }

    [Theory]
    [InlineData(SortOrder.NewestFirst)]
    [InlineData(SortOrder.OldestFirst)]
    public async Task Paging_by_status_returns_every_item_exactly_once_in_order(SortOrder order)
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 23);
        var resolved = new List<Feedback>();
        foreach (var item in stored.Where((_, i) => i % 3 != 0))
        {
            resolved.Add(await Feedback.UpdateStatusAsync(project, item.Id, FeedbackStatus.Resolved, cancellationToken: Ct));
        }

        var expected = order == SortOrder.OldestFirst ? resolved : Enumerable.Reverse(resolved).ToList();

        var pages = await AllPagesAsync(token =>
            Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, new FeedbackQuery { Order = order, PageSize = 4, ContinuationToken = token }, Ct));

        pages.SelectMany(p => p.Items).Should().Equal(expected);
        pages.Take(3).Should().OnlyContain(p => p.Items.Count == 4);
    }

    [Fact]
    public async Task List_by_status_returns_only_that_status()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 6);
        var inProgress = await Feedback.UpdateStatusAsync(project, stored[1].Id, FeedbackStatus.InProgress, cancellationToken: Ct);
        var resolved = new[]
        {
            await Feedback.UpdateStatusAsync(project, stored[2].Id, FeedbackStatus.Resolved, cancellationToken: Ct),
            await Feedback.UpdateStatusAsync(project, stored[4].Id, FeedbackStatus.Resolved, cancellationToken: Ct),
        };

        var open = await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct);
        var progress = await Feedback.ListByStatusAsync(project, FeedbackStatus.InProgress, cancellationToken: Ct);
        var done = await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct);

        open.Items.Should().Equal(stored[0], stored[3], stored[5]);
        progress.Items.Should().Equal(inProgress);
        done.Items.Should().Equal(resolved[1], resolved[0]);
    }

    [Fact]
    public async Task List_by_status_of_a_status_nobody_has_is_empty()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);

        var page = await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct);

        page.Items.Should().BeEmpty();
        page.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task Created_at_range_bounds_are_inclusive_on_the_table()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 10); // one second apart

        var from = stored[2].CreatedAt;
        var to = stored[6].CreatedAt;

        var both = await Feedback.ListAsync(project, new FeedbackQuery { CreatedFrom = from, CreatedTo = to, Order = SortOrder.OldestFirst }, Ct);
        var fromOnly = await Feedback.ListAsync(project, new FeedbackQuery { CreatedFrom = from, Order = SortOrder.OldestFirst }, Ct);
        var toOnly = await Feedback.ListAsync(project, new FeedbackQuery { CreatedTo = to }, Ct);
        var between = await Feedback.ListAsync(
            project, new FeedbackQuery { CreatedFrom = from.AddMilliseconds(1), CreatedTo = to.AddMilliseconds(-1), Order = SortOrder.OldestFirst }, Ct);
        var exact = await Feedback.ListAsync(project, new FeedbackQuery { CreatedFrom = from, CreatedTo = from }, Ct);

        both.Items.Should().Equal(stored[2..7]);
        fromOnly.Items.Should().Equal(stored[2..]);
        toOnly.Items.Should().Equal(Enumerable.Reverse(stored[..7]));
        between.Items.Should().Equal(stored[3..6]);
        exact.Items.Should().Equal(stored[2]);
    }

    [Fact]
    public async Task Created_at_range_bounds_are_inclusive_on_the_status_index()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 10);
        var from = stored[2].CreatedAt;
        var to = stored[6].CreatedAt;

        var both = await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { CreatedFrom = from, CreatedTo = to }, Ct);
        var fromOnly = await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { CreatedFrom = from, Order = SortOrder.OldestFirst }, Ct);
        var toOnly = await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { CreatedTo = to, Order = SortOrder.OldestFirst }, Ct);
        var between = await Feedback.ListByStatusAsync(
            project, FeedbackStatus.Open, new FeedbackQuery { CreatedFrom = from.AddMilliseconds(1), CreatedTo = to.AddMilliseconds(-1), Order = SortOrder.OldestFirst }, Ct);

        both.Items.Should().Equal(Enumerable.Reverse(stored[2..7]));
        fromOnly.Items.Should().Equal(stored[2..]);
        toOnly.Items.Should().Equal(stored[..7]);
        between.Items.Should().Equal(stored[3..6]);
    }

    [Fact]
    public async Task A_range_on_the_status_index_only_returns_that_status()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 8);
        var resolved = new List<Feedback>();
        foreach (var item in stored.Where((_, i) => i % 2 == 0))
        {
            resolved.Add(await Feedback.UpdateStatusAsync(project, item.Id, FeedbackStatus.Resolved, cancellationToken: Ct));
        }

        // A range over everything from the epoch to the end of time: the status prefix must still hold.
        var page = await Feedback.ListByStatusAsync(
            project, FeedbackStatus.Resolved, new FeedbackQuery { CreatedFrom = DateTimeOffset.UnixEpoch, Order = SortOrder.OldestFirst }, Ct);
        var openPage = await Feedback.ListByStatusAsync(
            project, FeedbackStatus.Open, new FeedbackQuery { CreatedTo = stored[^1].CreatedAt.AddYears(100), Order = SortOrder.OldestFirst }, Ct);

        page.Items.Should().Equal(resolved);
        openPage.Items.Should().Equal(stored.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public async Task Paging_within_a_range_returns_the_range_exactly_once()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 15);
        var query = new FeedbackQuery { CreatedFrom = stored[3].CreatedAt, CreatedTo = stored[12].CreatedAt, PageSize = 3 };

        var table = await AllPagesAsync(token => Feedback.ListAsync(project, query with { ContinuationToken = token }, Ct));
        var index = await AllPagesAsync(token => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query with { ContinuationToken = token }, Ct));

        table.SelectMany(p => p.Items).Should().Equal(Enumerable.Reverse(stored[3..13]));
        index.SelectMany(p => p.Items).Should().Equal(Enumerable.Reverse(stored[3..13]));
    }

    [Fact]
    public async Task A_range_before_everything_is_empty()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 3);
        var query = new FeedbackQuery { CreatedTo = stored[0].CreatedAt.AddMilliseconds(-1) };

        (await Feedback.ListAsync(project, query, Ct)).Items.Should().BeEmpty();
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query, Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_of_a_project_without_feedback_is_empty()
    {
        var project = await NewProjectAsync();

        var page = await Feedback.ListAsync(project, cancellationToken: Ct);

        page.Items.Should().BeEmpty();
        page.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task A_project_listing_never_shows_another_projects_feedback()
    {
        var owner = NewOwner();
        var first = await NewProjectAsync(owner);
        var second = await NewProjectAsync(owner);
        var mine = await SubmitManyAsync(first, 3);
        await SubmitManyAsync(second, 3);

        (await Feedback.ListAsync(first, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(mine);
        (await Feedback.ListByStatusAsync(first, FeedbackStatus.Open, new FeedbackQuery { Order = SortOrder.OldestFirst }, Ct)).Items.Should().Equal(mine);
    }

    [Fact]
    public async Task Items_created_in_the_same_millisecond_are_each_listed_once_on_both_paths()
    {
        var project = await NewProjectAsync();

        // The clock stands still, so every GSI1SK is the same STATUS#open#<createdAt>; only the table key tells them apart.
        var stored = new List<Feedback>();
        for (var i = 0; i < 12; i++)
        {
            stored.Add(await Feedback.SubmitAsync(project, new NewFeedback($"burst {i}"), Ct));
        }

        foreach (var order in new[] { SortOrder.NewestFirst, SortOrder.OldestFirst })
        {
            var query = new FeedbackQuery { Order = order, PageSize = 5 };
            var table = (await AllPagesAsync(t => Feedback.ListAsync(project, query with { ContinuationToken = t }, Ct))).SelectMany(p => p.Items).ToList();
            var index = (await AllPagesAsync(t => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query with { ContinuationToken = t }, Ct))).SelectMany(p => p.Items).ToList();
            var ranged = (await AllPagesAsync(t => Feedback.ListByStatusAsync(
                project, FeedbackStatus.Open, query with { CreatedFrom = stored[0].CreatedAt, CreatedTo = stored[0].CreatedAt, ContinuationToken = t }, Ct))).SelectMany(p => p.Items).ToList();

            // Records are compared by value: FluentAssertions would otherwise compare a FeedbackId by its CreatedAt only.
            table.Should().BeEquivalentTo(stored, o => o.ComparingRecordsByValue()).And.OnlyHaveUniqueItems();
            index.Should().BeEquivalentTo(stored, o => o.ComparingRecordsByValue()).And.OnlyHaveUniqueItems();
            ranged.Should().BeEquivalentTo(stored, o => o.ComparingRecordsByValue()).And.OnlyHaveUniqueItems();
            table.Should().HaveCount(12);
            var byId = stored.OrderBy(f => f.Id).ToList();
            table.Should().Equal(order == SortOrder.OldestFirst ? byId : Enumerable.Reverse(byId), "on the table ids order items of one millisecond");
        }
    }

    [Fact]
    public async Task Paging_by_status_continues_correctly_after_the_last_item_of_a_page_changed_status()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 7);
        var query = new FeedbackQuery { Order = SortOrder.OldestFirst, PageSize = 3 };

        var first = await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query, Ct);
        await Feedback.UpdateStatusAsync(project, first.Items[^1].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        var rest = await AllPagesAsync(t => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query with { ContinuationToken = t ?? first.ContinuationToken }, Ct));

        first.Items.Should().Equal(stored[..3]);
        rest.SelectMany(p => p.Items).Should().Equal(stored[3..]);
    }

    [Fact]
    public async Task Paging_continues_correctly_after_the_last_item_of_a_page_was_deleted()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 7);
        var query = new FeedbackQuery { PageSize = 3 };

        var first = await Feedback.ListAsync(project, query, Ct);
        await Feedback.DeleteAsync(project, first.Items[^1].Id, Ct);
        var rest = await AllPagesAsync(t => Feedback.ListAsync(project, query with { ContinuationToken = t ?? first.ContinuationToken }, Ct));

        first.Items.Should().Equal(stored[6], stored[5], stored[4]);
        rest.SelectMany(p => p.Items).Should().Equal(stored[3], stored[2], stored[1], stored[0]);
    }
}
