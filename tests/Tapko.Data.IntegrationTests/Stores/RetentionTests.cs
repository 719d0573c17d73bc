using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// Retention policies against DynamoDB Local's real time to live and stream: a resolving move sets the expiry in its own
/// request, reopening clears it, expired feedback is gone for every read the moment it expires (whether or not DynamoDB
/// has removed it), pages filtered short keep their token, and counts agree with reads before and after the removal.
/// </summary>
public sealed class RetentionTests(DynamoDbFixture fixture) : MeteredStoreTestBase(fixture, "retention")
{
    private static readonly FeedbackRetention OneDayAfterResolved = new() { ResolvedRetentionDays = 1 };

    private readonly ConcurrentQueue<FeedbackEvent> events = new();

    [Fact]
    public async Task Resolving_sets_the_expiry_in_the_same_request_and_reopening_clears_it()
    {
        LiveInTheFuture();
        var project = await NewProjectAsync(OneDayAfterResolved);
        var item = (await SubmitManyAsync(project, 1))[0];
        (await RawAsync(project, item.Id))!.Should().NotContainKey("ttl", "open feedback has no maximum age here");

        await Expect(() => Feedback.UpdateStatusAsync(project, item.Id, FeedbackStatus.Resolved, cancellationToken: Ct), read: 0, write: 1, indexWrite: 2);
        var resolvedAt = Clock.GetUtcNow();
        var ttl = long.Parse((await RawAsync(project, item.Id))!["ttl"].N);
        DateTimeOffset.FromUnixTimeSeconds(ttl).Should().Be(new DateTimeOffset(resolvedAt.UtcDateTime.Date.AddDays(2), TimeSpan.Zero), "the first UTC midnight at least a day after it was resolved");

        await Feedback.UpdateStatusAsync(project, item.Id, FeedbackStatus.Open, cancellationToken: Ct);
        (await RawAsync(project, item.Id))!.Should().NotContainKey("ttl", "reopened feedback is kept again");
    }

    [Fact]
    public async Task Expired_feedback_is_gone_for_every_read_before_DynamoDB_removes_it()
    {
        LiveInTheFuture();
        var project = await NewProjectAsync(OneDayAfterResolved);
        var items = await SubmitManyAsync(project, 4);
        await Feedback.MoveManyAsync(project, [items[0].Id, items[1].Id], FeedbackStatus.Resolved, cancellationToken: Ct);
        await Feedback.UpdateStatusAsync(project, items[2].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(1, 0, 3));

        Clock.Advance(TimeSpan.FromDays(3));

        (await RawAsync(project, items[0].Id)).Should().NotBeNull("DynamoDB has not removed it: its expiry is still ahead in real time");
        (await Feedback.GetAsync(project, items[0].Id, Ct)).Should().BeNull();
        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Select(f => f.Id).Should().Equal(items[3].Id);
        (await Feedback.ListByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct)).Items.Should().BeEmpty();
        (await Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Resolved, cancellationToken: Ct)).Items.Should().BeEmpty();
        (await Feedback.ListAllAsync(project, cancellationToken: Ct).ToListAsync(Ct)).Select(f => f.Id).Should().Equal(items[3].Id);
        await FluentActions.Awaiting(() => Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.Open, cancellationToken: Ct))
            .Should().ThrowAsync<TapkoNotFoundException>();
        (await Feedback.MoveManyAsync(project, [items[1].Id, items[3].Id], FeedbackStatus.InProgress, cancellationToken: Ct))
            .Select(r => r.Outcome).Should().Equal(FeedbackMoveOutcome.NotFound, FeedbackMoveOutcome.Moved);
        (await Feedback.DeleteAsync(project, items[2].Id, Ct)).Should().BeFalse("expired feedback is already gone");
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(0, 1, 0), "a count leaves out what has expired, as every read does");
    }

    [Fact]
    public async Task A_page_the_filter_left_empty_still_carries_a_token_and_its_read_units_are_measured()
    {
        LiveInTheFuture();
        var project = await NewProjectAsync(OneDayAfterResolved);
        var expired = await SubmitManyAsync(project, 6);
        await Feedback.MoveManyAsync(project, [.. expired.Select(f => f.Id)], FeedbackStatus.Resolved, cancellationToken: Ct);
        var kept = await SubmitManyAsync(project, 2);
        Clock.Advance(TimeSpan.FromDays(3));

        // The owner cache has lapsed over those days: the page's claim read is not the filter's waste.
        Recorder.Clear();
        var query = new FeedbackQuery { PageSize = 4, Order = SortOrder.OldestFirst };
        var first = await Feedback.ListAsync(project, query, Ct);
        var wasted = Recorder.All.Where(m => m.DynamoDbOperation == "Query").Sum(m => m.Value);

        first.Items.Should().BeEmpty("the four oldest items have expired");
        first.ContinuationToken.Should().NotBeNull("DynamoDB stopped before the end, so more may follow");
        wasted.Should().Be(0.5, Recorder.ToString() + ": four expired items of about 200 bytes are read (one 4 KB unit, eventually consistent) and filtered out");
        var pages = await AllPagesAsync(token => Feedback.ListAsync(project, query with { ContinuationToken = token }, Ct));
        pages.SelectMany(p => p.Items).Select(f => f.Id).Should().Equal(kept.Select(f => f.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Pages_the_filter_left_short_end_there_and_paging_on_returns_every_live_item_once_at_any_shard_count(int shards)
    {
        LiveInTheFuture();
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        await Projects.CreateAsync(project, "Widget", new ProjectOptions { Retention = OneDayAfterResolved, FeedbackShards = shards }, Ct);
        var expired = await SubmitManyAsync(project, 6);
        await Feedback.MoveManyAsync(project, [.. expired.Select(f => f.Id)], FeedbackStatus.Resolved, cancellationToken: Ct);
        var kept = await SubmitManyAsync(project, 3);
        Clock.Advance(TimeSpan.FromDays(3));

        foreach (var order in new[] { SortOrder.OldestFirst, SortOrder.NewestFirst })
        {
            var query = new FeedbackQuery { PageSize = 2, Order = order };
            var pages = await AllPagesAsync(token => Feedback.ListAsync(project, query with { ContinuationToken = token }, Ct));
            var expected = order == SortOrder.OldestFirst ? kept.Select(f => f.Id) : kept.Select(f => f.Id).Reverse();
            pages.SelectMany(p => p.Items).Select(f => f.Id).Should().Equal(expected, $"every live item once, in order, at K = {shards}, {order}");
            pages.Take(pages.Count - 1).Should().OnlyContain(p => p.ContinuationToken != null);

            var rows = await AllPagesAsync(token => Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Resolved, query with { ContinuationToken = token }, Ct));
            rows.SelectMany(p => p.Items).Should().BeEmpty("every resolved item has expired");
        }
    }

    [Fact]
    public async Task Counts_agree_with_reads_through_DynamoDB_Locals_real_removal_and_report_it_as_expired()
    {
        // The clock is ten days behind real time, so the expiry this resolve writes is already past for DynamoDB Local,
        // whose sweeper removes the items within seconds and puts the removal on the stream.
        var project = await NewProjectAsync(OneDayAfterResolved);
        var items = await SubmitManyAsync(project, 3);
        await Feedback.MoveManyAsync(project, [items[0].Id, items[1].Id], FeedbackStatus.Resolved, cancellationToken: Ct);
        (await CountsAsync(project)).Should().Be(await CountByReadingAsync(project), "before the expiry, removed yet or not");

        Clock.Set(DateTimeOffset.UtcNow);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(1, 0, 0)).And.Be(await CountByReadingAsync(project));

        await WaitUntilRemovedAsync(project, items[0].Id, items[1].Id);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(1, 0, 0), "the removal is counted like a delete, and not a second time");
        // Whether the entry exists depends on when DynamoDB Local's sweeper ran: removed before the projector's first read,
        // the moves and removals fold into one batch whose expiry delta is zero, so it is never written; removed after,
        // the removal empties it, and the project's next counted change drops it. Either way nothing is left pending.
        (await PendingExpiryAsync(project)).Should().BeEmpty("every item that was expiring has been removed");
        events.Where(e => e.Kind == FeedbackEventKind.Expired).Select(e => e.FeedbackId).Should().BeEquivalentTo([items[0].Id, items[1].Id]);
        events.Where(e => e.Kind == FeedbackEventKind.Expired).Should().OnlyContain(e => e.PreviousStatus == FeedbackStatus.Resolved && e.Feedback != null);
    }

    [Fact]
    public async Task Moves_and_their_removals_read_by_the_projector_together_count_once_and_leave_nothing_pending()
    {
        // The order the test above cannot choose: DynamoDB Local removes both items before the projector reads any change.
        var project = await NewProjectAsync(OneDayAfterResolved);
        var items = await SubmitManyAsync(project, 3);
        await Feedback.MoveManyAsync(project, [items[0].Id, items[1].Id], FeedbackStatus.Resolved, cancellationToken: Ct);
        await WaitUntilRemovedAsync(project, items[0].Id, items[1].Id);

        Clock.Set(DateTimeOffset.UtcNow);
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(1, 0, 0)).And.Be(await CountByReadingAsync(project));
        (await PendingExpiryAsync(project)).Should().BeEmpty("every item that was expiring has been removed");
        events.Where(e => e.Kind == FeedbackEventKind.Expired).Select(e => e.FeedbackId).Should().BeEquivalentTo([items[0].Id, items[1].Id]);
    }

    [Fact]
    public async Task A_policy_change_applies_to_feedback_submitted_or_resolved_afterwards()
    {
        LiveInTheFuture();
        var project = await NewProjectAsync();
        var before = (await SubmitManyAsync(project, 1))[0];
        await Feedback.UpdateStatusAsync(project, before.Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        var changed = await Projects.SetRetentionAsync(project, new FeedbackRetention { ResolvedRetentionDays = 1, MaxAgeDays = 7 }, Ct);

        changed.Retention.Should().Be(new FeedbackRetention { ResolvedRetentionDays = 1, MaxAgeDays = 7 });
        changed.Version.Should().Be(2);
        (await Projects.GetAsync(project, Ct))!.Retention.Should().Be(changed.Retention);
        (await RawAsync(project, before.Id))!.Should().NotContainKey("ttl", "feedback resolved before the change keeps what it was given");
        var after = (await SubmitManyAsync(project, 1))[0];
        var maxAge = DateTimeOffset.FromUnixTimeSeconds(long.Parse((await RawAsync(project, after.Id))!["ttl"].N));
        maxAge.DayOfWeek.Should().Be(DayOfWeek.Monday);
        (maxAge - after.CreatedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(7)).And.BeLessThan(TimeSpan.FromDays(15));

        await Projects.SetRetentionAsync(project, FeedbackRetention.KeepForever, Ct);
        var kept = (await SubmitManyAsync(project, 1))[0];
        await Feedback.UpdateStatusAsync(project, kept.Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        (await RawAsync(project, kept.Id))!.Should().NotContainKey("ttl");
    }

    [Fact]
    public async Task Bad_policies_and_other_owners_are_refused_before_anything_is_written()
    {
        var project = await NewProjectAsync();
        Recorder.Clear();
        await FluentActions.Awaiting(() => Projects.SetRetentionAsync(project, new FeedbackRetention { ResolvedRetentionDays = 0 }, Ct))
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("retention").WithMessage("*ResolvedRetentionDays must be 1 to 90*");
        await FluentActions.Awaiting(() => Projects.SetRetentionAsync(project, new FeedbackRetention { MaxAgeDays = 3 }, Ct))
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*MaxAgeDays must be 7 to 730*");
        await FluentActions.Awaiting(() => Projects.SetRetentionAsync(project, null!, Ct)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("retention");
        Recorder.All.Should().BeEmpty("nothing is sent for bad input");

        await FluentActions.Awaiting(() => Projects.SetRetentionAsync(new ProjectKey(NewOwner(), project.ProjectId), OneDayAfterResolved, Ct))
            .Should().ThrowAsync<TapkoNotFoundException>();
        (await Projects.GetAsync(project, Ct))!.Retention.Should().Be(FeedbackRetention.KeepForever);

        var maintained = NewProjectStore(o => o.StatusCounts = StatusCountsMode.Maintained);
        await FluentActions.Awaiting(() => maintained.SetRetentionAsync(project, OneDayAfterResolved, Ct))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*Streamed*None*");
        await FluentActions.Awaiting(() => maintained.CreateAsync(new ProjectKey(NewOwner(), ProjectId.New()), "x", new ProjectOptions { Retention = OneDayAfterResolved }, Ct))
            .Should().ThrowAsync<InvalidOperationException>();
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Projector = TestTable.CreateProjector(Clock, handlers: [new Collector(events)]);
    }

    /// <summary>Moves the clock past real time, so no expiry the test writes is due for DynamoDB Local's sweeper.</summary>
    private void LiveInTheFuture() => Clock.Set(DateTimeOffset.UtcNow.AddDays(30));

    private async Task<ProjectKey> NewProjectAsync(FeedbackRetention retention)
    {
        var key = new ProjectKey(NewOwner(), ProjectId.New());
        (await Projects.CreateAsync(key, "Widget", new ProjectOptions { Retention = retention }, Ct)).Retention.Should().Be(retention);
        return key;
    }

    /// <summary>The project's expiry entries that still count items as expiring (not zero), read from its claim.</summary>
    private async Task<List<KeyValuePair<string, AttributeValue>>> PendingExpiryAsync(ProjectKey project)
    {
        var claim = await Fixture.Client.GetItemAsync(Table, PrimaryIndex.Key(TapkoKeys.ProjectClaim(project.ProjectId)), Ct);
        return [.. (claim.Item[AttributeNames.Expiring].M ?? []).Where(e => e.Value.N != "0")];
    }

    private async Task<Dictionary<string, AttributeValue>?> RawAsync(ProjectKey project, FeedbackId id)
    {
        var response = await Fixture.Client.GetItemAsync(
            new GetItemRequest { TableName = Table, ConsistentRead = true, Key = new() { ["PK"] = new() { S = $"PROJECT#{project.ProjectId}" }, ["SK"] = new() { S = $"FEEDBACK#{id}" } } },
            Ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Polls until DynamoDB Local's sweeper has removed the items; the deadline only bounds a failure.</summary>
    private async Task WaitUntilRemovedAsync(ProjectKey project, params FeedbackId[] ids)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var id in ids)
        {
            while (await RawAsync(project, id) is not null)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "DynamoDB Local removes expired items within seconds");
                await Task.Delay(250, Ct);
            }
        }
    }

    private async Task<FeedbackStatusCounts> CountByReadingAsync(ProjectKey project)
    {
        var all = await Feedback.ListAllAsync(project, new FeedbackQuery { PageSize = 1_000 }, Ct).ToListAsync(Ct);
        return new FeedbackStatusCounts(
            all.Count(f => f.Status == FeedbackStatus.Open),
            all.Count(f => f.Status == FeedbackStatus.InProgress),
            all.Count(f => f.Status == FeedbackStatus.Resolved));
    }

    private sealed class Collector(ConcurrentQueue<FeedbackEvent> events) : IFeedbackEventHandler
    {
        public Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(feedbackEvent);
            return Task.CompletedTask;
        }
    }
}
