using System.Net;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// The redeliveries a partial-batch failure causes, pinned one by one (the random workload of
/// <see cref="StreamedCountsWorkloadTests"/> fails on them too, in its Lambda run): what the retry from the failed record
/// brings again must count nothing twice and leave nothing out.
/// </summary>
public sealed class StreamedCountsRedeliveryTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "redeliver")
{
    protected override void ConfigureDefaults(TapkoStoreOptions options)
    {
        options.StatusCounts = StatusCountsMode.Streamed;
        options.StatusCountsMaxLag = TimeSpan.FromDays(1);
    }

    protected override bool ChangeFeed => true;

    /// <summary>
    /// P's changes cancel out in the batch (a submission and its delete), with R's change between them. R's write fails,
    /// so Lambda delivers again from R's record: P's delete comes back alone, and must not count as a delete of an item
    /// never counted. (Before the fix P's counts read open = -1: a delta that netted to zero was skipped without moving
    /// P's positions, so its second half passed the position condition when it came back alone.)
    /// </summary>
    [Theory]
    [InlineData("a submission and its delete")]
    [InlineData("a move and its undo")]
    public async Task A_retry_from_a_failed_project_does_not_count_the_rest_of_changes_that_cancelled_out(string pair)
    {
        var p = await NewProjectAsync();
        var r = await NewProjectAsync();
        var kept = await CleanFeedback.SubmitAsync(p, new NewFeedback("kept"), Ct);
        using var tap = new StreamTap(Fixture.Client, Fixture.Endpoint, Table);
        var function = new TapkoProjectorFunction(Fixture.Client, Options());
        await DeliverAsync(function, await tap.ReadNewAsync(Ct));

        if (pair == "a submission and its delete")
        {
            var doomed = await CleanFeedback.SubmitAsync(p, new NewFeedback("spam"), Ct);
            await CleanFeedback.SubmitAsync(r, new NewFeedback("between"), Ct);
            await CleanFeedback.DeleteAsync(p, doomed.Id, Ct);
        }
        else
        {
            await CleanFeedback.UpdateStatusAsync(p, kept.Id, FeedbackStatus.Resolved, cancellationToken: Ct);
            await CleanFeedback.SubmitAsync(r, new NewFeedback("between"), Ct);
            await CleanFeedback.UpdateStatusAsync(p, kept.Id, FeedbackStatus.Open, cancellationToken: Ct);
        }

        var batch = await tap.ReadNewAsync(Ct);
        var between = batch.FindIndex(t => t.Json.ToJsonString().Contains("between", StringComparison.Ordinal) && t.Json["eventName"]!.GetValue<string>() == "INSERT");
        between.Should().BeGreaterThan(0, "R's submission lies between P's two changes");

        // R's counts write fails on every attempt: the response names R's record, and Lambda delivers again from it.
        var injector = new FaultInjector
        {
            InspectsBodies = true,
            Plan = i => i.Operation == "UpdateItem" && i.Body!.Contains($"PROJECT#{r.ProjectId.Value}\"", StringComparison.Ordinal) ? Fault.Throttling : Fault.None,
        };
        var failing = new TapkoProjectorFunction(NewClient(injector, maxErrorRetry: 1), Options());
        (await DeliverAsync(failing, batch)).Should().Be(batch[between].Raw, "R's write failed");
        injector.Plan = null;
        (await DeliverAsync(failing, batch[between..])).Should().BeNull();

        (await CleanFeedback.GetStatusCountsAsync(p, Ct)).Should().Be(new FeedbackStatusCounts(1, 0, 0), "P holds one open item, whatever came again");
        (await CleanFeedback.GetStatusCountsAsync(r, Ct)).Should().Be(new FeedbackStatusCounts(1, 0, 0));
        ReliabilityTally.InvariantChecked("a retry from a failed project's record counts nothing twice (pinned cases)", 1);
    }

    /// <summary>Delivers <paramref name="records"/> as one event; returns the sequence number the response names, if any.</summary>
    private static async Task<string?> DeliverAsync(TapkoProjectorFunction function, IReadOnlyList<TappedRecord> records)
    {
        await using var response = await function.HandleAsync(StreamTap.Event(records), Ct);
        return (await StreamTap.FailuresAsync(response)).SingleOrDefault();
    }
}
