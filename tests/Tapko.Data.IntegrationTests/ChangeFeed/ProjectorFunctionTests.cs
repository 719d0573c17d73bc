using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Tapko.Data.IntegrationTests.Stores;

namespace Tapko.Data.IntegrationTests.ChangeFeed;

/// <summary>
/// The Lambda host of the projector, fed the event JSON AWS Lambda delivers, built from records read off DynamoDB
/// Local's stream: it applies them, answers the partial-batch response, and a batch delivered again (whole, or from the
/// record it named) never counts a change twice.
/// </summary>
public sealed class ProjectorFunctionTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "lambda")
{
    [Fact]
    public async Task A_batch_delivered_twice_counts_once()
    {
        var project = await NewProjectAsync();
        var items = await SubmitManyAsync(project, 6);
        await Feedback.UpdateStatusAsync(project, items[0].Id, FeedbackStatus.Resolved, cancellationToken: Ct);
        await Feedback.DeleteAsync(project, items[1].Id, Ct);
        var tap = new StreamTap(Fixture, Table);
        var records = await tap.ReadNewAsync(Ct);
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), timeProvider: Clock);

        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records), Ct))).Should().BeEmpty();
        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records), Ct))).Should().BeEmpty();
        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(records.Skip(3)), Ct))).Should().BeEmpty();

        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(4, 0, 1));
    }

    [Fact]
    public async Task A_failed_project_is_named_in_the_response_and_the_redelivery_from_there_completes_the_counts()
    {
        var healthy = await NewProjectAsync();
        var failing = await NewProjectAsync();
        await SubmitManyAsync(healthy, 2);
        await SubmitManyAsync(failing, 3);
        await SubmitManyAsync(healthy, 2);
        var records = await new StreamTap(Fixture, Table).ReadNewAsync(Ct);
        using var broken = new FailingClaimUpdates(Fixture.Endpoint, failing.ProjectId);
        var first = await StreamTap.FailuresAsync(await new TapkoProjectorFunction(broken, Options(), timeProvider: Clock).HandleAsync(StreamTap.Event(records), Ct));

        // The first record of the failing project is where Lambda resumes; everything before it, and the healthy
        // project's later records, were applied already and are delivered again harmlessly.
        var firstOfFailing = records.First(r => Image(r)?["type"]?["S"]?.GetValue<string>() == "feedback"
            && Image(r)?["projectId"]?["S"]?.GetValue<string>() == failing.ProjectId.Value);
        first.Should().Equal(firstOfFailing["dynamodb"]!["SequenceNumber"]!.GetValue<string>());
        var resume = records.SkipWhile(r => r != firstOfFailing);
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), timeProvider: Clock);
        (await StreamTap.FailuresAsync(await function.HandleAsync(StreamTap.Event(resume), Ct))).Should().BeEmpty();

        (await Feedback.GetStatusCountsAsync(healthy, Ct)).Should().Be(new FeedbackStatusCounts(4, 0, 0));
        (await Feedback.GetStatusCountsAsync(failing, Ct)).Should().Be(new FeedbackStatusCounts(3, 0, 0));
    }

    [Fact]
    public async Task An_event_without_records_writes_the_canary_whose_record_reports_the_feed_as_flowing()
    {
        var project = await NewProjectAsync();
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), timeProvider: Clock);
        var tick = () => Feedback.GetStatusCountsAsync(project, Ct);
        await tick.Should().ThrowAsync<StatusCountsUnavailableException>();

        (await StreamTap.FailuresAsync(await function.HandleAsync(new MemoryStream("{}"u8.ToArray()), Ct))).Should().BeEmpty();
        var records = await new StreamTap(Fixture, Table).ReadNewAsync(Ct);
        records.Should().Contain(r => r["dynamodb"]!["Keys"]!["SK"]!["S"]!.GetValue<string>() == "FEED#CANARY");
        await function.HandleAsync(StreamTap.Event(records), Ct);

        (await Feedback.GetStatusCountsAsync(project, Ct)).Should().Be(new FeedbackStatusCounts(0, 0, 0));
    }

    [Fact]
    public async Task Input_that_is_not_a_streams_event_is_refused()
    {
        var function = new TapkoProjectorFunction(Fixture.Client, Options(), timeProvider: Clock);

        var notJson = () => function.HandleAsync(new MemoryStream("not json"u8.ToArray()), Ct);
        var noData = () => function.HandleAsync(new MemoryStream("""{"Records":[{"eventID":"1","eventName":"INSERT"}]}"""u8.ToArray()), Ct);

        await notJson.Should().ThrowAsync<System.Text.Json.JsonException>();
        await noData.Should().ThrowAsync<System.Text.Json.JsonException>().WithMessage("*'dynamodb'*");
    }

    private static JsonObject? Image(JsonObject record) => (record["dynamodb"]!["NewImage"] ?? record["dynamodb"]!["OldImage"])?.AsObject();

    /// <summary>A client of DynamoDB Local on which every update of one project's claim is throttled past the SDK's retries.</summary>
    private sealed class FailingClaimUpdates(Uri endpoint, ProjectId project)
        : AmazonDynamoDBClient(new BasicAWSCredentials("tapkolocal", "tapkolocal"), new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 })
    {
        public override Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
            request.Key.GetValueOrDefault("PK")?.S == "PROJECT#" + project.Value
                ? throw new ProvisionedThroughputExceededException("Throttled (test).")
                : base.UpdateItemAsync(request, cancellationToken);
    }
}
