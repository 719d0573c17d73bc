using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tapko.Data.IntegrationTests.HealthChecks;

/// <summary>AddTapkoTable() run by the host's HealthCheckService against tables on DynamoDB Local.</summary>
public sealed class TableHealthCheckTests(DynamoDbFixture fixture) : IAsyncLifetime
{
    private readonly List<string> tables = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_made_from_the_definition_is_healthy()
    {
        var table = NewTable("healthy");
        await TapkoTable.EnsureTableAsync(fixture.Client, table, cancellationToken: Ct);

        var entry = await CheckAsync(fixture.Client, table);

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().Be($"Table '{table}' is ACTIVE with the Tapko key schema and index GSI1.");
        entry.Data["table"].Should().Be(table);
    }

    [Fact]
    public async Task A_missing_table_is_unhealthy()
    {
        var table = NewTable("missing");

        var entry = await CheckAsync(fixture.Client, table);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be($"Table '{table}' does not exist.");
    }

    [Fact]
    public async Task A_table_with_other_keys_and_no_status_index_is_unhealthy_naming_both()
    {
        var table = NewTable("other-keys");
        await fixture.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
        }, Ct);

        var entry = await CheckAsync(fixture.Client, table);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be(
            "Its key schema is HASH id; the library needs HASH PK, RANGE SK. It has no index GSI1. " +
            $"Table '{table}' has no stream of new and old images (NEW_AND_OLD_IMAGES), which the change feed's projector reads. " +
            $"Table '{table}' does not have time to live enabled on attribute 'ttl', which removes expired feedback.");
    }

    [Fact]
    public async Task A_status_index_with_other_keys_or_projection_is_unhealthy()
    {
        var table = NewTable("other-gsi");
        var request = TapkoTable.BuildCreateTableRequest(table);
        var index = request.GlobalSecondaryIndexes[0];
        index.KeySchema = [new KeySchemaElement("GSI1PK", KeyType.HASH)];
        index.Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY };
        request.AttributeDefinitions.RemoveAll(a => a.AttributeName == "GSI1SK");
        request.AttributeDefinitions.Single(a => a.AttributeName == "GSI1PK").AttributeType = ScalarAttributeType.N;
        await fixture.Client.CreateTableAsync(request, Ct);

        var entry = await CheckAsync(fixture.Client, table);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be(
            "Index GSI1 has keys HASH GSI1PK; the library needs HASH GSI1PK, RANGE GSI1SK. " +
            "Index GSI1 projects KEYS_ONLY; the library needs INCLUDE (createdAt, feedbackId, incarnation, preview, projectId, status, truncated, ttl, type, updatedAt, userId). " +
            "Key attribute GSI1PK is of type N; the library needs S. " +
            $"Table '{table}' does not have time to live enabled on attribute 'ttl', which removes expired feedback.");
    }

    [Fact]
    public async Task A_table_or_index_that_is_not_active_is_unhealthy()
    {
        var table = NewTable("creating");
        await TapkoTable.EnsureTableAsync(fixture.Client, table, cancellationToken: Ct);

        using var creating = new StatusOverridingClient(fixture.Endpoint, TableStatus.CREATING, IndexStatus.CREATING);
        var entry = await CheckAsync(creating, table);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Be($"Table '{table}' is CREATING, not ACTIVE. Index GSI1 is CREATING, not ACTIVE.");

        using var backfilling = new StatusOverridingClient(fixture.Endpoint, null, IndexStatus.UPDATING);
        (await CheckAsync(backfilling, table)).Description.Should().Be("Index GSI1 is UPDATING, not ACTIVE.");
    }

    [Fact]
    public async Task A_failed_check_reports_the_registered_failure_status()
    {
        var table = NewTable("degraded");

        var entry = await CheckAsync(fixture.Client, table, HealthStatus.Degraded);

        entry.Status.Should().Be(HealthStatus.Degraded);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var table in tables)
        {
            try
            {
                await fixture.Client.DeleteTableAsync(table, CancellationToken.None);
            }
            catch (ResourceNotFoundException)
            {
                // The missing-table test never made one.
            }
        }
    }

    private string NewTable(string hint)
    {
        var table = TapkoTestTable.UniqueName("health-" + hint);
        tables.Add(table);
        return table;
    }

    private static async Task<HealthReportEntry> CheckAsync(IAmazonDynamoDB client, string table, HealthStatus? failureStatus = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(client);
        services.AddTapkoStore(o => o.TableName = table);
        services.AddHealthChecks().AddTapkoTable(failureStatus: failureStatus);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        return report.Entries[TapkoHealthChecksBuilderExtensions.DefaultName];
    }
}
