using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Tapko.Data.IntegrationTests.HealthChecks;

/// <summary>
/// A generic host wired the way the README tells a worker service to be: options from the "Tapko" section, the table's
/// health check, and no <see cref="IAmazonDynamoDB"/> of its own, so the stores, the check and the table creation all
/// run on the client the library builds from <c>Tapko:ServiceUrl</c>. The web sample once crashed at start in exactly
/// this setup, unseen by tests that register a client.
/// </summary>
public sealed class GenericHostTests(DynamoDbFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_without_a_client_of_its_own_creates_checks_and_uses_its_table()
    {
        var table = TapkoTestTable.UniqueName("generic-host");

        // The library's client takes its credentials from the SDK's default chain, as the README's
        // AWS_ACCESS_KEY_ID=local does for the web sample. Without them the chain would go on to ask the EC2 instance
        // metadata address, which no test may touch. Every other client in this assembly passes credentials itself.
        using var credentials = DummyCredentials.Set();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tapko:ServiceUrl"] = fixture.Endpoint.ToString(),
            ["Tapko:TableName"] = table,
        });
        builder.Services.AddTapkoStore(builder.Configuration.GetSection(TapkoStoreOptions.SectionName));
        builder.Services.AddHealthChecks().AddTapkoTable();
        using var host = builder.Build();
        try
        {
            // Starting validates the options (ValidateOnStart): the section was bound, and nothing else is needed.
            await host.StartAsync(Ct);
            host.Services.GetService<IAmazonDynamoDB>().Should().BeNull("this host relies on the library's own client");
            var tableClient = host.Services.GetRequiredService<TapkoTableClient>();
            tableClient.TableName.Should().Be(table);
            var health = host.Services.GetRequiredService<HealthCheckService>();

            // The check asks the same server the stores use: first there is no table, then there is one.
            var missing = (await health.CheckHealthAsync(Ct)).Entries[TapkoHealthChecksBuilderExtensions.DefaultName];
            missing.Status.Should().Be(HealthStatus.Unhealthy);
            missing.Description.Should().Be($"Table '{table}' does not exist.");

            (await tableClient.EnsureTableAsync(cancellationToken: Ct)).Should().BeTrue("this call created it");
            (await fixture.Client.DescribeTableAsync(table, Ct)).Table.TableStatus.Should().Be(TableStatus.ACTIVE, "it is on the DynamoDB Local Tapko:ServiceUrl names");
            (await tableClient.VerifyAsync(Ct)).Should().BeEmpty();
            var report = await health.CheckHealthAsync(Ct);
            report.Status.Should().Be(HealthStatus.Healthy, report.Entries.Values.FirstOrDefault().Description);

            var projects = host.Services.GetRequiredService<IProjectStore>();
            var feedback = host.Services.GetRequiredService<IFeedbackStore>();
            var project = new ProjectKey(UserId.Parse($"owner-{Guid.NewGuid():N}"), ProjectId.New());
            await projects.CreateAsync(project, "My website", cancellationToken: Ct);
            var submitted = await feedback.SubmitAsync(project, new NewFeedback("The export button is hidden on mobile."), Ct);

            var open = await feedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct);
            open.Items.Select(f => f.Id).Should().Equal(submitted.Id);
            await feedback.UpdateStatusAsync(project, submitted.Id, FeedbackStatus.InProgress, FeedbackStatus.Open, Ct);
            var read = await feedback.GetAsync(project, submitted.Id, Ct);
            read!.Status.Should().Be(FeedbackStatus.InProgress);
            read.Message.Should().Be("The export button is hidden on mobile.");

            await host.StopAsync(Ct);
        }
        finally
        {
            try
            {
                await fixture.Client.DeleteTableAsync(new DeleteTableRequest { TableName = table }, CancellationToken.None);
            }
            catch (ResourceNotFoundException)
            {
                // Failed before the table was made.
            }
        }
    }

    /// <summary>Sets the README's dummy keys for the SDK's default chain where none are set, and takes back what it set.</summary>
    private sealed class DummyCredentials : IDisposable
    {
        private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
        private readonly List<string> set = [];

        public static DummyCredentials Set()
        {
            var credentials = new DummyCredentials();
            foreach (var name in Variables.Where(n => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(n))))
            {
                Environment.SetEnvironmentVariable(name, "local");
                credentials.set.Add(name);
            }

            return credentials;
        }

        public void Dispose()
        {
            foreach (var name in set)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
