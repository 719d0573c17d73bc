using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.LimitsModel.Tests;

/// <summary>The library's widget submit through the model to a real DynamoDB Local: throttled and conflicting as on AWS.</summary>
public sealed class ModelAgainstDynamoDbLocalTests(LocalFixture fixture) : TableTestBase(fixture, "limits")
{
    private readonly List<IDisposable> owned = [];

    public override async ValueTask DisposeAsync()
    {
        owned.ForEach(d => d.Dispose());
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_past_the_partition_limit_is_throttled_and_only_acknowledged_submissions_are_stored()
    {
        // Time stands still for the model, so no unit comes back until the test moves the clock.
        var clock = new ManualClock();
        var model = Model(new LimitsModelOptions { WriteUnitsPerSecond = 20 }, clock);
        var project = await NewProjectAsync();
        var feedback = new FeedbackStore(Client(model), Options());
        var acknowledged = new List<FeedbackId>();
        var refused = new List<FeedbackId>();

        for (var i = 0; i < 12; i++)
        {
            var id = FeedbackId.New();
            try
            {
                await feedback.SubmitFromWidgetAsync(project.ProjectId, Submission(id, i), Ct);
                refused.Should().BeEmpty("with the clock stopped, once the partition is throttled it stays throttled");
                acknowledged.Add(id);
            }
            catch (ProvisionedThroughputExceededException)
            {
                refused.Add(id);
            }
        }

        acknowledged.Should().NotBeEmpty();
        refused.Should().NotBeEmpty();
        model.Stats.Throttled.Should().Be(refused.Count * 4, "the SDK made its three retries of every refused submission, each throttled");
        (await StoredIdsAsync(project)).Should().BeEquivalentTo(acknowledged, "a throttled request is never forwarded, so has no effect");
        var projectUnits = model.ConsumedUnits()[(new PartitionRef(Table, null, $"PROJECT#{project.ProjectId}"), true)];
        projectUnits.Should().BeLessThanOrEqualTo(20 + (projectUnits / acknowledged.Count), "admitted while the bucket held an estimate, never beyond one submission's debt");

        clock.Advance(TimeSpan.FromSeconds(1));
        var later = FeedbackId.New();
        await feedback.SubmitFromWidgetAsync(project.ProjectId, Submission(later, 99), Ct);
        (await StoredIdsAsync(project)).Should().Contain(later, "a second refilled the bucket");
    }

    [Fact]
    public async Task Overlapping_submissions_conflict_on_the_project_item_and_the_library_retries_them()
    {
        var model = Model(new LimitsModelOptions(), TimeProvider.System);
        var project = await NewProjectAsync();
        var client = Client(model);
        var patient = new FeedbackStore(client, Options());
        var impatient = new FeedbackStore(client, Options(o => o.TransactionConflictMaxAttempts = 1));
        var (a, b, c) = (FeedbackId.New(), FeedbackId.New(), FeedbackId.New());

        // A is held in flight until B has been cancelled by the model at least once.
        var held = new TaskCompletionSource();
        var conflicted = new TaskCompletionSource();
        model.OnRefused = (_, why) => { if (why == ModelRefusal.TransactionConflict) { conflicted.TrySetResult(); } };
        model.BeforeForwarding = async (request, ct) =>
        {
            if (request.IsTransaction && held.TrySetResult())
            {
                await conflicted.Task.WaitAsync(ct);
            }
        };

        var first = patient.SubmitFromWidgetAsync(project.ProjectId, Submission(a, 1), Ct);
        await held.Task.WaitAsync(Ct);
        var second = await patient.SubmitFromWidgetAsync(project.ProjectId, Submission(b, 2), Ct);
        await first;
        second.Id.Should().Be(b);
        model.Stats.TransactionConflicts.Should().BeGreaterThanOrEqualTo(1);

        // With one attempt the caller gets a retryable WriteContentionException around DynamoDB's own cancellation:
        // the project check (action 0) conflicted.
        held = new TaskCompletionSource();
        conflicted = new TaskCompletionSource();
        var third = patient.SubmitFromWidgetAsync(project.ProjectId, Submission(FeedbackId.New(), 3), Ct);
        await held.Task.WaitAsync(Ct);
        var contention = await FluentActions.Awaiting(() => impatient.SubmitFromWidgetAsync(project.ProjectId, Submission(c, 4), Ct))
            .Should().ThrowAsync<WriteContentionException>();
        contention.Which.Attempts.Should().Be(1);
        contention.Which.InnerException.Should().BeOfType<TransactionCanceledException>()
            .Which.CancellationReasons.Select(r => r.Code).Should().Equal("TransactionConflict", "None");
        await third;

        var stored = await StoredIdsAsync(project);
        stored.Should().HaveCount(3).And.Contain([a, b]).And.NotContain(c, "a cancelled transaction is never forwarded");
    }

    private LimitsModelHandler Model(LimitsModelOptions options, TimeProvider clock)
    {
        var model = new LimitsModelHandler(options with { RequestLatency = TimeSpan.Zero, TransactionLatency = TimeSpan.Zero }, clock);
        owned.Add(model);
        return model;
    }

    private IAmazonDynamoDB Client(LimitsModelHandler model)
    {
        var client = model.CreateClient(fixture.Endpoint);
        owned.Add(client);
        return client;
    }

    private async Task<ProjectKey> NewProjectAsync()
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        await new ProjectStore(fixture.Client, Options()).CreateAsync(project, "Viral site", cancellationToken: Ct);
        return project;
    }

    private async Task<List<FeedbackId>> StoredIdsAsync(ProjectKey project)
    {
        var page = await new FeedbackStore(fixture.Client, Options()).ListAsync(project, new FeedbackQuery { PageSize = 100 }, Ct);
        return [.. page.Items.Select(f => f.Id)];
    }

    /// <summary>About 1.6 KB stored, like the benchmark's median item: two write units.</summary>
    private static NewFeedback Submission(FeedbackId id, int n) => new($"Submission {n}: " + new string('x', 1_400)) { Id = id };
}
