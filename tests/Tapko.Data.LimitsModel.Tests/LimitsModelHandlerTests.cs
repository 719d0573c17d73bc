using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.LimitsModel.Tests;

/// <summary>The model through the real SDK client, in front of a stub instead of DynamoDB: exact, and no network.</summary>
public sealed class LimitsModelHandlerTests : IDisposable
{
    private static readonly PartitionRef Project = new("t", null, "PROJECT#p");
    private readonly ManualClock clock = new();
    private readonly StubDynamo stub = new();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(d => d.Dispose());
        stub.Dispose();
    }

    [Fact]
    public async Task A_write_past_its_partition_limit_is_throttled_and_not_forwarded()
    {
        var (model, client) = Model(new LimitsModelOptions { WriteUnitsPerSecond = 10 }, retries: 0);
        stub.TableUnits = 6;

        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#1"), Ct);
        model.Balance(Project, write: true).Should().Be(4, "a full bucket of 10 less the 6 units the answer reported");
        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#2"), Ct);
        model.Balance(Project, write: true).Should().Be(-2, "admitted on its estimate of 1, then charged what it really took");

        var throttled = await FluentActions.Awaiting(() => client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#3"), Ct))
            .Should().ThrowAsync<ProvisionedThroughputExceededException>();
        throttled.Which.ThrottlingReasons.Single().Reason.Should().Be("TableWriteKeyRangeThroughputExceeded");
        throttled.Which.ThrottlingReasons.Single().Resource.Should().EndWith(":table/t");
        stub.Forwarded.Should().HaveCount(2);

        clock.Advance(TimeSpan.FromMilliseconds(250));
        await FluentActions.Awaiting(() => client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#3"), Ct)).Should().ThrowAsync<ProvisionedThroughputExceededException>();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#3"), Ct);
        stub.Forwarded.Should().HaveCount(3, "0.35 s at 10 units/s repaid the debt of 2 and left the 1 unit it needed");
        model.Stats.Should().Be(new LimitsModelStats(Requests: 5, Forwarded: 3, Throttled: 2, TransactionConflicts: 0, WriteConflicts: 0));
    }

    [Fact]
    public async Task The_SDK_retries_a_throttle_and_gives_up_after_its_retries()
    {
        var (model, client) = Model(new LimitsModelOptions { WriteUnitsPerSecond = 1 }, retries: 2);
        stub.TableUnits = 5;
        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#1"), Ct);

        await FluentActions.Awaiting(() => client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#2"), Ct)).Should().ThrowAsync<ProvisionedThroughputExceededException>();

        model.Stats.Throttled.Should().Be(3, "one attempt and the SDK's two retries, each answered by the model");
        stub.Forwarded.Should().HaveCount(1);
    }

    [Fact]
    public async Task Partitions_are_limited_separately_and_reads_apart_from_writes()
    {
        var (_, client) = Model(new LimitsModelOptions { WriteUnitsPerSecond = 1 }, retries: 0);
        stub.TableUnits = 5;
        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#1"), Ct);

        await FluentActions.Awaiting(() => client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#2"), Ct)).Should().ThrowAsync<ProvisionedThroughputExceededException>();
        await client.PutItemAsync(Put("PROJECT#q", "FEEDBACK#1"), Ct);
        await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = Key("PROJECT#p", "FEEDBACK#1") }, Ct);

        stub.Forwarded.Should().Equal("PutItem", "PutItem", "GetItem");
    }

    [Fact]
    public async Task A_hot_index_partition_throttles_the_table_write()
    {
        var (_, client) = Model(new LimitsModelOptions { WriteUnitsPerSecond = 10 }, retries: 0);
        stub.TableUnits = 1;
        stub.IndexUnits = 6;
        var indexed = Put("PROJECT#p", "FEEDBACK#1");
        indexed.Item["GSI1PK"] = new AttributeValue { S = "PROJECT#hot" };
        await client.PutItemAsync(indexed, Ct);
        await client.PutItemAsync(indexed, Ct);

        var throttled = await FluentActions.Awaiting(() => client.PutItemAsync(indexed, Ct)).Should().ThrowAsync<ProvisionedThroughputExceededException>();

        throttled.Which.ThrottlingReasons.Single().Reason.Should().Be("IndexWriteKeyRangeThroughputExceeded");
        throttled.Which.ThrottlingReasons.Single().Resource.Should().EndWith(":table/t/index/GSI1");
    }

    [Fact]
    public async Task A_throttle_can_be_answered_as_ThrottlingException()
    {
        var (_, client) = Model(new LimitsModelOptions { WriteUnitsPerSecond = 1, ThrottleAnswer = ThrottleAnswer.Throttling }, retries: 0);
        stub.TableUnits = 5;
        await client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#1"), Ct);

        var thrown = await FluentActions.Awaiting(() => client.PutItemAsync(Put("PROJECT#p", "FEEDBACK#2"), Ct)).Should().ThrowAsync<AmazonDynamoDBException>();

        thrown.Which.ErrorCode.Should().Be("ThrottlingException");
    }

    [Fact]
    public async Task A_transaction_overlapping_one_in_flight_is_cancelled_on_the_shared_item_only()
    {
        var (model, client) = Model(new LimitsModelOptions(), retries: 0);
        var first = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        model.BeforeForwarding = async (request, ct) =>
        {
            if (request.IsTransaction && first.TrySetResult())
            {
                await release.Task.WaitAsync(ct);
            }
        };

        var inFlight = client.TransactWriteItemsAsync(Submit("f1"), Ct);
        await first.Task.WaitAsync(Ct);

        var cancelled = await FluentActions.Awaiting(() => client.TransactWriteItemsAsync(Submit("f2"), Ct)).Should().ThrowAsync<TransactionCanceledException>();
        cancelled.Which.CancellationReasons.Select(r => r.Code).Should().Equal("TransactionConflict", "None");
        await FluentActions.Awaiting(() => client.PutItemAsync(Put("USER#u", "PROJECT#p"), Ct)).Should().ThrowAsync<TransactionConflictException>();
        await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = Key("USER#u", "PROJECT#p") }, Ct);
        await client.TransactWriteItemsAsync(Submit("f3", owner: "USER#v"), Ct);

        release.SetResult();
        await inFlight;
        await client.TransactWriteItemsAsync(Submit("f2"), Ct);

        model.Stats.TransactionConflicts.Should().Be(1);
        model.Stats.WriteConflicts.Should().Be(1);
        stub.Forwarded.Should().Equal("GetItem", "TransactWriteItems", "TransactWriteItems", "TransactWriteItems");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (LimitsModelHandler Model, IAmazonDynamoDB Client) Model(LimitsModelOptions options, int retries)
    {
        var model = new LimitsModelHandler(options with { RequestLatency = TimeSpan.Zero, TransactionLatency = TimeSpan.Zero }, clock, stub);
        var client = model.CreateClient(new Uri("http://127.0.0.1:9"), c => c.MaxErrorRetry = retries);
        owned.Add(client);
        return (model, client);
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { ["PK"] = new() { S = pk }, ["SK"] = new() { S = sk } };

    private static PutItemRequest Put(string pk, string sk) => new() { TableName = "t", Item = Key(pk, sk) };

    /// <summary>The shape of the library's submit: a check of the project item and a put of the feedback.</summary>
    private static TransactWriteItemsRequest Submit(string feedback, string owner = "USER#u") => new()
    {
        TransactItems =
        [
            new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = "t", Key = Key(owner, "PROJECT#p"), ConditionExpression = "attribute_exists(PK)" } },
            new TransactWriteItem { Put = new Put { TableName = "t", Item = Key("PROJECT#p", "FEEDBACK#" + feedback) } },
        ],
    };
}
