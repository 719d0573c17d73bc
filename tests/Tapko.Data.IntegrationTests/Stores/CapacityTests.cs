namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// What each pattern costs on a small item, as DynamoDB Local reports it and the library publishes it on the
/// <c>Tapko.Data</c> meter (filtered to this test's table). The numbers are the measured ones, pinned.
/// </summary>
public sealed class CapacityTests(DynamoDbFixture fixture) : MeteredStoreTestBase(fixture, "capacity")
{

    [Fact]
    public async Task Project_create_get_list_toggle_and_rename()
    {
        var key = new ProjectKey(NewOwner(), ProjectId.New());

        // A Query of the id's empty partition (is it taken, are there leftovers?), then the project and its claim in one
        // transaction. DynamoDB Local reports 0 for a Query that finds nothing, and under-bills multi-item transactions
        // (two 600-byte puts in one cost 2 WCU, a 100-byte and a 1,500-byte put 6); AWS documents two units per KB of
        // each item of a transaction (4 here), and rounds reads up (0.5 for the Query, as the benchmark rules assume).
        await Expect(() => Projects.CreateAsync(key, "Small project", cancellationToken: Ct), read: 0, write: 2);
        await Expect(() => Projects.GetAsync(key, Ct), read: 0.5, write: 0);
        await Expect(() => Projects.ListAsync(key.Owner, cancellationToken: Ct), read: 0.5, write: 0);
        await Expect(() => Projects.SetCollectingFeedbackAsync(key, false, Ct), read: 0, write: 1);
        await Expect(() => Projects.RenameAsync(key, "Renamed", 2, Ct), read: 0, write: 1);
    }

    [Fact]
    public async Task A_consistent_get_costs_one_read_unit()
    {
        var project = await NewProjectAsync();
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);
        var consistentProjects = NewProjectStore(o => o.ConsistentReads = true);
        var consistentFeedback = NewFeedbackStore(o => o.ConsistentReads = true);

        await Expect(() => consistentProjects.GetAsync(project, Ct), read: 1, write: 0);

        // A new store's first call for a project also reads the id's claim (strongly consistent, 1 unit); later ones
        // find the owner in its cache.
        await Expect(() => consistentFeedback.GetAsync(project, stored.Id, Ct), read: 1 + 1, write: 0);
        await Expect(() => consistentFeedback.GetAsync(project, stored.Id, Ct), read: 1, write: 0);
        await Expect(() => consistentFeedback.ListAsync(project, cancellationToken: Ct), read: 1, write: 0);
        // The index offers eventual consistency only; the items a page of whole feedback then reads are consistent.
        await Expect(() => consistentFeedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct), read: 1, write: 0, indexRead: 0.5, indexWrite: 0);
    }

    [Fact]
    public async Task Transactional_submit()
    {
        var project = await NewProjectAsync();

        await Expect(() => Feedback.SubmitAsync(project, new NewFeedback("small"), Ct), read: 0, write: 4, indexRead: 0, indexWrite: 2);
    }

    [Fact]
    public async Task Read_then_write_submit()
    {
        var project = await NewProjectAsync();
        var store = Uncounted(o => o.SubmitMode = SubmitMode.ReadThenWrite);

        // Without counters: a consistent GetItem of the project, then a plain put. (With counters a submission is always
        // the transaction, since the counter must change with the item.)
        await Expect(() => store.SubmitAsync(project, new NewFeedback("small"), Ct), read: 1, write: 1, indexRead: 0, indexWrite: 1);
    }

    [Fact]
    public async Task Feedback_get_list_and_list_by_status()
    {
        var project = await NewProjectAsync();
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);

        await Expect(() => Feedback.GetAsync(project, stored.Id, Ct), read: 0.5, write: 0);
        await Expect(() => Feedback.ListAsync(project, cancellationToken: Ct), read: 0.5, write: 0);
        // A page of whole feedback from an index of triage rows: the rows, then the items (half a unit each).
        await Expect(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct), read: 0.5, write: 0, indexRead: 0.5, indexWrite: 0);
        await Expect(() => Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct), read: 0, write: 0, indexRead: 0.5, indexWrite: 0);
    }

    [Fact]
    public async Task A_page_of_twenty_small_items()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 20);
        var query = new FeedbackQuery { PageSize = 20 };

        // About 420 bytes each with the message's preview, over 8 KB together: three 4 KB units, halved for an eventually
        // consistent read. The rows are a little over half of that; whole feedback adds half a unit per item.
        await Expect(() => Feedback.ListAsync(project, query, Ct), read: 1.5, write: 0);
        await Expect(() => Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Open, query, Ct), read: 0, write: 0, indexRead: 1, indexWrite: 0);
        await Expect(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, query, Ct), read: 10, write: 0, indexRead: 1, indexWrite: 0);
    }

    [Fact]
    public async Task A_read_then_write_retry_after_the_project_closed_reads_the_project_and_the_feedback()
    {
        var project = await NewProjectAsync();
        var store = Uncounted(o => o.SubmitMode = SubmitMode.ReadThenWrite);
        var submission = new NewFeedback("small") { Id = FeedbackId.New(Clock) };
        await store.SubmitAsync(project, submission, Ct);
        await Projects.SetCollectingFeedbackAsync(project, false, Ct);

        // Two consistent GetItems (project, then the feedback to recognise the retry), nothing written.

        await Expect(() => store.SubmitAsync(project, submission, Ct), read: 2, write: 0);
    }

    [Fact]
    public async Task Without_counters_a_status_change_costs_one_write_on_the_table_and_two_on_the_index()
    {
        var project = await NewProjectAsync();
        var stored = await base.Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);
        var uncounted = await WarmAsync(Uncounted(), project);

        await Expect(() => uncounted.UpdateStatusAsync(project, stored.Id, FeedbackStatus.InProgress, cancellationToken: Ct), read: 0, write: 1, indexRead: 0, indexWrite: 2);
        await Expect(() => uncounted.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, FeedbackStatus.InProgress, Ct), read: 0, write: 1, indexRead: 0, indexWrite: 2);
    }

    [Fact]
    public async Task Without_counters_setting_the_same_status_writes_the_table_and_updates_the_index_entry_in_place()
    {
        var project = await NewProjectAsync();
        var stored = await base.Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);
        var uncounted = await WarmAsync(Uncounted(), project);

        // The index keys do not change; a projected attribute does (updatedAt). AWS documents one in-place index write
        // for that; DynamoDB Local bills none with an INCLUDE projection (measured), and this pins what it reports.
        await Expect(() => uncounted.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Open, cancellationToken: Ct), read: 0, write: 1, indexRead: 0, indexWrite: 0);
    }

    [Fact]
    public async Task Without_counters_a_feedback_delete_is_one_delete()
    {
        var project = await NewProjectAsync();
        var stored = await base.Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);
        var uncounted = await WarmAsync(Uncounted(), project);

        await Expect(() => uncounted.DeleteAsync(project, stored.Id, Ct), read: 0, write: 1, indexRead: 0, indexWrite: 1);
    }

    [Fact]
    public async Task With_counters_moves_and_deletes_are_transactions_with_the_project_item_and_counts_are_one_small_read()
    {
        var project = await NewProjectAsync();
        var counted = await WarmAsync(NewFeedbackStore(o => o.StatusCounts = StatusCountsMode.Maintained), project);
        var stored = new List<Feedback>();
        for (var i = 0; i < 3; i++)
        {
            stored.Add(await counted.SubmitAsync(project, new NewFeedback($"small {i}"), Ct));
        }

        // The submit's transaction already wrote the project item (its open check): counting costs it nothing.
        await Expect(() => counted.SubmitAsync(project, new NewFeedback("small"), Ct), read: 0, write: 4, indexRead: 0, indexWrite: 2);

        // A move: the item and the counters in one transaction, then the item read back (a transaction returns none).
        // These are DynamoDB Local's figures, which under-bill multi-item transactions (see the create above); AWS
        // documents two units per KB of each item (4 here).
        await Expect(() => counted.UpdateStatusAsync(project, stored[0].Id, FeedbackStatus.InProgress, FeedbackStatus.Open, Ct), read: 1, write: 4, indexRead: 0, indexWrite: 4);

        // Without an expected status the first try assumes open; an item in another status costs one more try.
        await Expect(() => counted.UpdateStatusAsync(project, stored[0].Id, FeedbackStatus.Resolved, cancellationToken: Ct), read: 1, write: 4, indexRead: 0, indexWrite: 4);

        // A delete and its counter: no read.
        await Expect(() => counted.DeleteAsync(project, stored[1].Id, Ct), read: 0, write: 4, indexRead: 0, indexWrite: 2);

        // Three items in one move: one transaction, one counter change.
        var more = new List<Feedback>();
        for (var i = 0; i < 3; i++)
        {
            more.Add(await counted.SubmitAsync(project, new NewFeedback($"more {i}"), Ct));
        }

        await Expect(() => counted.MoveManyAsync(project, [.. more.Select(f => f.Id)], FeedbackStatus.Resolved, FeedbackStatus.Open, Ct), read: 0, write: 4, indexRead: 0, indexWrite: 4);

        await Expect(() => counted.GetStatusCountsAsync(project, Ct), read: 0.5, write: 0);
        (await counted.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(2, 0, 4));
    }

    [Fact]
    public async Task Streamed_counts_leave_every_write_a_single_request_and_are_one_small_read_at_any_shard_count()
    {
        var project = await NewProjectAsync();
        var stored = await SubmitManyAsync(project, 3);

        // No counter anywhere in a write: a move is one UpdateItem without a read (the item comes back in its answer), a
        // delete one DeleteItem; the submit is the open check and the put, as without counters.
        await Expect(() => Feedback.SubmitAsync(project, new NewFeedback("small"), Ct), read: 0, write: 4, indexRead: 0, indexWrite: 2);
        await Expect(() => Feedback.UpdateStatusAsync(project, stored[0].Id, FeedbackStatus.InProgress, FeedbackStatus.Open, Ct), read: 0, write: 1, indexRead: 0, indexWrite: 2);
        await Expect(() => Feedback.DeleteAsync(project, stored[1].Id, Ct), read: 0, write: 1, indexRead: 0, indexWrite: 1);

        // The counts: one eventually consistent GetItem of the claim (the projector's heartbeat was read by the first call).
        (await CountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 1, 0));
        await Expect(() => Feedback.GetStatusCountsAsync(project, Ct), read: 0.5, write: 0);
        var sharded = new ProjectKey(NewOwner(), ProjectId.New());
        await Projects.CreateAsync(sharded, "Viral", new ProjectOptions { FeedbackShards = 16 }, Ct);
        await Feedback.SubmitAsync(sharded, new NewFeedback("one"), Ct);
        (await CountsAsync(sharded)).Should().Be(new FeedbackStatusCounts(1, 0, 0));
        await Expect(() => Feedback.GetStatusCountsAsync(sharded, Ct), read: 0.5, write: 0);
    }

    [Fact]
    public async Task Project_delete_with_three_feedback_items()
    {
        var project = await NewProjectAsync();
        await SubmitManyAsync(project, 3);

        // Mark (UpdateItem), list keys (a strongly consistent Query, 1 unit), one BatchWriteItem of 3 deletes, then the
        // project and its claim in one transaction: 2 as DynamoDB Local bills it, 4 as AWS does (see the create above).
        await Expect(() => Projects.DeleteAsync(project, Ct), read: 1, write: 1 + 3 + 2, indexRead: 0, indexWrite: 3);
        Recorder.All.Select(m => m.DynamoDbOperation).Distinct().Should().BeEquivalentTo(["UpdateItem", "Query", "BatchWriteItem", "TransactWriteItems"]);
    }

    [Fact]
    public async Task Capacity_is_tagged_with_the_store_operation()
    {
        var project = await NewProjectAsync();
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("small"), Ct);
        Recorder.Clear();

        await Feedback.GetAsync(project, stored.Id, Ct);
        await Feedback.DeleteAsync(project, stored.Id, Ct);

        Recorder.All.Should().BeEquivalentTo(
        [
            new CapacityRecorder.Units("feedback.get", "GetItem", null, false, 0.5),
            new CapacityRecorder.Units("feedback.delete", "DeleteItem", null, true, 1),
            new CapacityRecorder.Units("feedback.delete", "DeleteItem", Gsi1, true, 1),
        ]);
    }

    /// <summary>A feedback store that keeps no counters, so moves and deletes are single requests.</summary>
    private FeedbackStore Uncounted(Action<TapkoStoreOptions>? configure = null) =>
        NewFeedbackStore(o =>
        {
            o.StatusCounts = StatusCountsMode.None;
            configure?.Invoke(o);
        });

    /// <summary>Makes <paramref name="store"/> read the project's claim now, so the call measured next finds it cached.</summary>
    private static async Task<FeedbackStore> WarmAsync(FeedbackStore store, ProjectKey project)
    {
        await store.ListAsync(project, new FeedbackQuery { PageSize = 1 }, Ct);
        return store;
    }
}
