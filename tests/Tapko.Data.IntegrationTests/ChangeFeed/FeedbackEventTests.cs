using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Tapko.Data.IntegrationTests.Stores;
using static Tapko.Data.FeedbackEventKind;
using static Tapko.Data.FeedbackStatus;

namespace Tapko.Data.IntegrationTests.ChangeFeed;

/// <summary>
/// The feedback events both projector hosts hand to the host's <see cref="IFeedbackEventHandler"/>s, from DynamoDB
/// Local's real stream: what each write delivers, in order per item; the same ids on every delivery of a change;
/// retries, dead letters that hold up neither the counts nor the other handlers, their replay and discard; and
/// removals by DynamoDB's time to live delivered as <see cref="Expired"/>.
/// </summary>
public sealed class FeedbackEventTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "events")
{
    /// <summary>Bounds a hang only: a host catching up on a handful of records takes well under a second here.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(ProjectorHost.Hosted)]
    [InlineData(ProjectorHost.Lambda)]
    public async Task Submits_moves_and_deletes_arrive_in_order_per_item_with_their_statuses_and_feedback(ProjectorHost host)
    {
        var recorder = new RecordingHandler();
        var feed = Feed(host, attempts: 3, recorder);
        var started = DateTimeOffset.UtcNow;
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 3);
        var (a, b, c) = (items[0], items[1], items[2]);
        var inProgress = await Feedback.UpdateStatusAsync(project, a.Id, InProgress, cancellationToken: Ct);
        await Feedback.MoveManyAsync(project, [a.Id, b.Id], Resolved, cancellationToken: Ct);
        await Feedback.DeleteAsync(project, a.Id, Ct);
        (await Projects.DeleteAsync(project, Ct)).Should().Be(2, "b and c go with their project");

        await feed.DeliverAsync(Ct);

        var events = recorder.Events;
        events.Should().HaveCount(9).And.OnlyContain(e => e.Project == project);
        events.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        Of(events, a).Select(Shape).Should().Equal(
            (Submitted, Open, null),
            (StatusChanged, InProgress, Open),
            (StatusChanged, Resolved, InProgress),
            (Deleted, null, Resolved));
        Of(events, b).Select(Shape).Should().Equal((Submitted, Open, null), (StatusChanged, Resolved, Open), (Deleted, null, Resolved));
        Of(events, c).Select(Shape).Should().Equal((Submitted, Open, null), (Deleted, null, Open));

        // The feedback after the change, or as it was when it went.
        Of(events, a)[0].Feedback.Should().Be(a);
        Of(events, a)[1].Feedback.Should().Be(inProgress);
        Of(events, a)[2].Feedback!.Status.Should().Be(Resolved);
        Of(events, a)[3].Feedback.Should().Be(Of(events, a)[2].Feedback);
        Of(events, c)[1].Feedback.Should().Be(c);

        // DynamoDB's approximate time (the minute on DynamoDB Local), not the stores' clock: within the test's run.
        events.Should().OnlyContain(e => e.OccurredAt >= started.AddMinutes(-2) && e.OccurredAt <= DateTimeOffset.UtcNow.AddMinutes(2));
    }

    [Fact]
    public async Task A_lambda_batch_delivered_twice_hands_each_event_over_again_with_the_same_id()
    {
        var recorder = new RecordingHandler();
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), handlers: [recorder], timeProvider: Clock);
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 2);
        await Feedback.UpdateStatusAsync(project, items[0].Id, InProgress, cancellationToken: Ct);
        var records = await new StreamTap(Fixture, Table).ReadNewAsync(Ct);

        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records), Ct))).Should().BeEmpty();
        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records), Ct))).Should().BeEmpty();

        var events = recorder.Events;
        events.Should().HaveCount(6);
        events.Skip(3).Select(e => e.Id).Should().Equal(events.Take(3).Select(e => e.Id), "a handler de-duplicates by the id");
        events.Skip(3).Should().Equal(events.Take(3));
        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(1, 1, 0), "the counts still take each change once");
    }

    [Fact]
    public async Task A_hosted_projector_stopped_after_handling_and_before_its_checkpoint_delivers_again_with_the_same_ids_on_restart()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 3);
        await Feedback.UpdateStatusAsync(project, items[2].Id, Resolved, cancellationToken: Ct);

        // The second event is handled (its side effect done), then the host stops while the handler still runs: the
        // batch's checkpoint is never written, as when a process dies there.
        var crashing = new StopsAfter(2);
        using (var first = ProjectorHostOf(crashing))
        {
            await first.StartAsync(Ct);
            await crashing.Handled.Task.WaitAsync(Deadline, Ct);
            await first.StopAsync(Ct);
        }

        crashing.Events.Should().HaveCount(2);
        (await CheckpointsAsync()).Should().BeEmpty("the host stopped before it checkpointed the batch");

        // A new instance takes the lease once the stopped one's lapses, and reads from the last checkpoint.
        Clock.Advance(new TapkoProjectorOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        var recorder = new RecordingHandler();
        using (var second = ProjectorHostOf(recorder))
        {
            await second.StartAsync(Ct);
            // Caught up once it reported, after the batch: then the counts can be read.
            await UntilAsync(async () => recorder.Events.Count >= 4 && await StoredCountsAsync(project) is not null, "the restarted projector to catch up", Deadline);
            await second.StopAsync(Ct);
        }

        recorder.Events.Select(Shape).Should().Equal((Submitted, Open, null), (Submitted, Open, null), (Submitted, Open, null), (StatusChanged, Resolved, Open));
        recorder.Events.Take(2).Should().Equal(crashing.Events, "what was handled before the stop comes again, with the same ids");
        (await StoredCountsAsync(project)).Should().Be(new FeedbackStatusCounts(2, 0, 1), "replaying the batch counted nothing twice");
    }

    [Theory]
    [InlineData(ProjectorHost.Hosted)]
    [InlineData(ProjectorHost.Lambda)]
    public async Task A_handler_that_fails_a_few_times_gets_each_event_once_it_succeeds(ProjectorHost host)
    {
        var flaky = new FailingHandler(failuresPerEvent: 2);
        var feed = Feed(host, attempts: 3, flaky);
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 2);
        await Feedback.UpdateStatusAsync(project, items[0].Id, InProgress, cancellationToken: Ct);

        await feed.DeliverAsync(Ct);

        flaky.Handled.Select(e => (e.FeedbackId, e.Kind)).Should().Equal((items[0].Id, Submitted), (items[1].Id, Submitted), (items[0].Id, StatusChanged));
        flaky.Handled.Should().OnlyContain(e => flaky.Calls(e.Id) == 3, "two failures, then the third attempt");
        (await feed.DeadLetters.ListAsync(cancellationToken: Ct)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ProjectorHost.Hosted)]
    [InlineData(ProjectorHost.Lambda)]
    public async Task A_handler_that_keeps_failing_leaves_dead_letters_and_holds_up_neither_the_counts_nor_other_handlers(ProjectorHost host)
    {
        var before = new RecordingHandler();
        var broken = new BrokenHandler();
        var alsoBroken = new OtherBrokenHandler();
        var after = new RecordingHandler();
        var feed = Feed(host, attempts: 2, before, broken, alsoBroken, after);
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 2);
        await Feedback.UpdateStatusAsync(project, items[0].Id, InProgress, cancellationToken: Ct);

        await feed.DeliverAsync(Ct);

        var delivered = before.Events;
        delivered.Select(e => (e.FeedbackId, e.Kind)).Should().Equal((items[0].Id, Submitted), (items[1].Id, Submitted), (items[0].Id, StatusChanged));
        after.Events.Should().Equal(delivered, "a handler after the failing ones still gets every event");
        delivered.Should().OnlyContain(e => broken.Calls(e.Id) == 2 && alsoBroken.Calls(e.Id) == 2, "each failing handler gets its attempts");
        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(1, 1, 0), "the counts are applied");

        // One letter per failing handler and event, with what it takes to judge and replay it.
        var letters = await feed.DeadLetters.ListAsync(cancellationToken: Ct);
        letters.Should().HaveCount(6);
        foreach (var handler in new FailingHandler[] { broken, alsoBroken })
        {
            var own = letters.Where(l => l.Handler == handler.GetType().FullName).ToList();
            own.Select(l => l.Event).Should().BeEquivalentTo(delivered, o => o.ComparingRecordsByValue(), "each letter holds the event as it was delivered");
            own.Should().OnlyContain(l => l.Error == $"System.InvalidOperationException: The webhook is down (call 2 for {l.Event.Id}).", "the last attempt's exception");
            own.Should().OnlyContain(l => l.Attempts == 2 && l.FailedAt == Clock.GetUtcNow() && l.Id.StartsWith("DEAD#", StringComparison.Ordinal));
        }

        // The feed moved on: the next change reaches every handler, and fails into a letter of its own.
        var third = await Feedback.SubmitAsync(project, new NewFeedback("after the failures"), Ct);
        await feed.DeliverAsync(Ct);
        before.Events.Select(e => (e.FeedbackId, e.Kind)).Should().EndWith([(third.Id, Submitted)]).And.HaveCount(4);
        after.Events.Should().Equal(before.Events);
        (await feed.DeadLetters.ListAsync(cancellationToken: Ct)).Should().HaveCount(8);
        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(2, 1, 0));
    }

    [Theory]
    [InlineData(ProjectorHost.Hosted)]
    [InlineData(ProjectorHost.Lambda)]
    public async Task Dead_letters_are_replayed_to_their_handler_once_it_is_fixed_and_can_be_discarded(ProjectorHost host)
    {
        var recorder = new RecordingHandler();
        var broken = new BrokenHandler();
        var feed = Feed(host, attempts: 2, recorder, broken);
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 2);
        await feed.DeliverAsync(Ct);
        var letters = await feed.DeadLetters.ListAsync(cancellationToken: Ct);
        letters.Should().HaveCount(2);

        // Replayed while still broken: the letters stay, counting the replay's failed calls too.
        (await feed.DeadLetters.ReplayAsync(cancellationToken: Ct)).Should().Be(0);
        var again = await feed.DeadLetters.ListAsync(cancellationToken: Ct);
        again.Select(l => l.Id).Should().BeEquivalentTo(letters.Select(l => l.Id));
        again.Should().OnlyContain(l => l.Attempts == 4 && l.Error.EndsWith($"(call 4 for {l.Event.Id}).", StringComparison.Ordinal));

        // One is discarded unread; the fixed handler gets the other, which then goes.
        broken.Broken = false;
        var (discarded, replayed) = (again[0], again[1]);
        await feed.DeadLetters.DiscardAsync(discarded.Id, Ct);
        (await feed.DeadLetters.ListAsync(cancellationToken: Ct)).Select(l => l.Id).Should().Equal(replayed.Id);
        (await feed.DeadLetters.ReplayAsync(cancellationToken: Ct)).Should().Be(1);

        broken.Handled.Should().ContainSingle().Which.Should().Be(replayed.Event);
        broken.Calls(discarded.Event.Id).Should().Be(4, "a discarded letter is never handed over again");
        recorder.Events.Should().HaveCount(2, "a replay goes to the failed handler only");
        (await feed.DeadLetters.ListAsync(cancellationToken: Ct)).Should().BeEmpty();
        (await feed.DeadLetters.ReplayAsync(cancellationToken: Ct)).Should().Be(0);
        var discardAgain = () => feed.DeadLetters.DiscardAsync(discarded.Id, Ct);
        await discardAgain.Should().NotThrowAsync("discarding what is gone is fine");
    }

    [Fact]
    public async Task A_removal_by_dynamodb_itself_is_expired_in_the_aws_shape_and_in_dynamodb_locals()
    {
        var recorder = new RecordingHandler();
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), handlers: [recorder], timeProvider: Clock);
        var project = await NewProjectAsync();
        var item = (await SubmitManyAsync(project, 1))[0];
        await Feedback.DeleteAsync(project, item.Id, Ct);
        var records = await new StreamTap(Fixture, Table).ReadNewAsync(Ct);
        var remove = records.Single(r => r["eventName"]!.GetValue<string>() == "REMOVE" && r["dynamodb"]!["OldImage"]?["type"]?["S"]?.GetValue<string>() == "feedback");

        // As AWS delivers a TTL deletion to a Lambda: REMOVE, by the DynamoDB service principal. And as DynamoDB Local
        // 3.3.1 writes its own: an event name the SDK does not know, no identity. Then a user's delete, for contrast.
        var aws = AwsRecord(remove, "REMOVE", new JsonObject { ["type"] = "Service", ["principalId"] = "dynamodb.amazonaws.com" });
        var local = AwsRecord(remove, "UNKNOWN_TO_SDK_VERSION", identity: null);
        var otherService = AwsRecord(remove, "REMOVE", new JsonObject { ["type"] = "Service", ["principalId"] = "backup.amazonaws.com" });
        foreach (var record in new[] { aws, local, otherService, AwsRecord(remove, "REMOVE", identity: null) })
        {
            (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event([record]), Ct))).Should().BeEmpty();
        }

        recorder.Events.Select(e => e.Kind).Should().Equal(Expired, Expired, Deleted, Deleted);
        recorder.Events.Should().OnlyContain(e => e.Id == remove["eventID"]!.GetValue<string>() && e.FeedbackId == item.Id && e.Project == project);
        recorder.Events.Should().OnlyContain(e => e.Status == null && e.PreviousStatus == Open && e.Feedback == item);
    }

    [Theory]
    [InlineData(ProjectorHost.Hosted)]
    [InlineData(ProjectorHost.Lambda)]
    public async Task An_item_dynamodb_locals_time_to_live_removes_is_delivered_as_expired(ProjectorHost host)
    {
        var recorder = new RecordingHandler();
        var feed = Feed(host, attempts: 3, recorder);
        var project = await NewProjectAsync();
        var item = (await SubmitManyAsync(project, 1))[0];

        // Its time to live an hour gone (by the real clock, which DynamoDB Local's sweeper reads): it goes on the
        // sweeper's next round, every few seconds.
        var key = PrimaryIndex.Key(ShardLayout.One.FeedbackKey(project.ProjectId, item.Id));
        await Fixture.Client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = Table,
                Key = key,
                UpdateExpression = "SET #ttl = :past",
                ExpressionAttributeNames = new() { ["#ttl"] = AttributeNames.Ttl },
                ExpressionAttributeValues = new() { [":past"] = new() { N = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            },
            Ct);
        await UntilAsync(
            async () => !(await Fixture.Client.GetItemAsync(new GetItemRequest { TableName = Table, Key = key, ConsistentRead = true }, Ct)).IsItemSet,
            "DynamoDB Local's time to live to remove the item",
            TimeSpan.FromMinutes(5));

        await feed.DeliverAsync(Ct);

        recorder.Events.Select(Shape).Should().Equal((Submitted, Open, null), (Expired, null, Open));
        var expired = recorder.Events[1];
        expired.FeedbackId.Should().Be(item.Id);
        expired.Feedback!.Message.Should().Be(item.Message);
    }

    /// <summary>The counts as stored, or <see langword="null"/> while no projector has reported (no catching up, unlike CountsAsync).</summary>
    private async Task<FeedbackStatusCounts?> StoredCountsAsync(ProjectKey project)
    {
        try
        {
            return await Feedback.GetStatusCountsAsync(project, Ct);
        }
        catch (StatusCountsUnavailableException)
        {
            return null;
        }
    }

    private static List<FeedbackEvent> Of(IEnumerable<FeedbackEvent> events, Feedback item) => [.. events.Where(e => e.FeedbackId == item.Id)];

    private static (FeedbackEventKind Kind, FeedbackStatus? Status, FeedbackStatus? Previous) Shape(FeedbackEvent e) => (e.Kind, e.Status, e.PreviousStatus);

    /// <summary>
    /// A removal record as AWS Lambda receives it from a DynamoDB stream, written out field by field, with the id,
    /// position, time and images of a real one from DynamoDB Local.
    /// </summary>
    private static JsonObject AwsRecord(JsonObject real, string eventName, JsonObject? identity)
    {
        var data = real["dynamodb"]!;
        var record = new JsonObject
        {
            ["eventID"] = real["eventID"]!.GetValue<string>(),
            ["eventName"] = eventName,
            ["eventVersion"] = "1.1",
            ["eventSource"] = "aws:dynamodb",
            ["awsRegion"] = "eu-west-1",
            ["dynamodb"] = new JsonObject
            {
                ["ApproximateCreationDateTime"] = data["ApproximateCreationDateTime"]!.DeepClone(),
                ["Keys"] = data["Keys"]!.DeepClone(),
                ["OldImage"] = data["OldImage"]!.DeepClone(),
                ["SequenceNumber"] = data["SequenceNumber"]!.GetValue<string>(),
                ["SizeBytes"] = 312,
                ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
            },
            ["eventSourceARN"] = "arn:aws:dynamodb:eu-west-1:123456789012:table/tapko/stream/2026-12-01T00:00:00.000",
        };
        if (identity is not null)
        {
            record["userIdentity"] = identity;
        }

        return record;
    }

    /// <summary>A host of the projector with the test's handlers: delivers what the stream holds so far.</summary>
    private EventFeed Feed(ProjectorHost host, int attempts, params IFeedbackEventHandler[] handlers)
    {
        if (host == ProjectorHost.Hosted)
        {
            // Its own projector, not the base class's: the two would wait on each other's lease.
            var projector = TestTable.CreateProjector(Clock, ConfigureStores, handlers, o => o.EventHandlerAttempts = attempts);
            return new EventFeed(projector.CatchUpAsync, projector.DeadLetters);
        }

        var tap = new StreamTap(Fixture, Table);
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), new TapkoProjectorOptions { EventHandlerAttempts = attempts }, handlers, Clock);
        return new EventFeed(
            async ct =>
            {
                var records = await tap.ReadNewAsync(ct);
                (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records), ct))).Should().BeEmpty();
            },
            function.DeadLetters);
    }

    /// <summary>A generic host running the hosted projector (<c>AddTapkoProjector</c>) on the test's table, clock and client.</summary>
    private Microsoft.Extensions.Hosting.IHost ProjectorHostOf(IFeedbackEventHandler handler)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(Fixture.Client);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddTapkoStore(o => o.TableName = Table);
        builder.Services.AddSingleton(handler);
        builder.Services.AddTapkoProjector(o =>
        {
            o.StreamsCredentials = new Amazon.Runtime.BasicAWSCredentials("tapkolocal", "tapkolocal");
            o.PollInterval = TimeSpan.FromMilliseconds(100);
        });
        return builder.Build();
    }

    private async Task<List<Dictionary<string, AttributeValue>>> CheckpointsAsync() =>
        (await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = "TAPKO" }, [":sk"] = new() { S = "FEED#SHARD#" } },
                ConsistentRead = true,
            },
            Ct)).Items;

    private static Task UntilAsync(Func<bool> done, string what) => UntilAsync(() => Task.FromResult(done()), what, Deadline);

    /// <summary>Polls until <paramref name="done"/> holds; the deadline only bounds a hang.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            waited.Elapsed.Should().BeLessThan(deadline, $"waiting for {what}");
            await Task.Delay(100, Ct);
        }
    }

    private sealed class EventFeed(Func<CancellationToken, Task> deliver, FeedbackEventDeadLetters deadLetters)
    {
        public FeedbackEventDeadLetters DeadLetters { get; } = deadLetters;

        public Task DeliverAsync(CancellationToken cancellationToken) => deliver(cancellationToken);
    }

    /// <summary>
    /// Handles events until the <c>n</c>th, then signals and holds on to it until the host stops: what a process dying
    /// right after a handler's side effect looks like to the projector.
    /// </summary>
    private sealed class StopsAfter(int n) : IFeedbackEventHandler
    {
        private readonly RecordingHandler recorded = new();

        public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<FeedbackEvent> Events => recorded.Events;

        public async Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken)
        {
            await recorded.HandleAsync(feedbackEvent, cancellationToken);
            if (recorded.Events.Count == n)
            {
                Handled.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
