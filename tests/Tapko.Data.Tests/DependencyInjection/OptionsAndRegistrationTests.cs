using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Tapko.Data.DependencyInjection;

namespace Tapko.Data.Tests;

public sealed class OptionsAndRegistrationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new TapkoStoreOptionsValidator().Validate(null, new TapkoStoreOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var options = new TapkoStoreOptions
        {
            TableName = "x",
            CursorSigningKey = new byte[8],
            ServiceUrl = "not a url",
            MaxErrorRetry = -1,
            BatchWriteMaxAttempts = 0,
            TransactionConflictMaxAttempts = 0,
            SubmitMode = (SubmitMode)9,
        };

        new TapkoStoreOptionsValidator().Validate(null, options).Failures.Should().HaveCount(7);
        var act = () => new FeedbackStore(new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:1" }), options);
        act.Should().Throw<ArgumentException>().WithMessage("*TableName*CursorSigningKey*");
    }

    [Fact]
    public void Registers_singleton_stores_over_the_hosts_client()
    {
        using var client = new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("a", "b"), new AmazonDynamoDBConfig { ServiceURL = "http://localhost:1" });
        var services = new ServiceCollection()
            .AddSingleton<IAmazonDynamoDB>(client)
            .AddTapkoStore(o => o.TableName = "feedback-table");

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IFeedbackStore>().Should().BeSameAs(provider.GetRequiredService<IFeedbackStore>());
        provider.GetRequiredService<IProjectStore>().Should().BeOfType<ProjectStore>();
        provider.GetRequiredService<IAmazonDynamoDB>().Should().BeSameAs(client);
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public void Creates_a_client_of_the_stores_own_from_the_options_when_the_host_has_none()
    {
        var services = new ServiceCollection().AddTapkoStore(o =>
        {
            o.ServiceUrl = "http://127.0.0.1:8000";
            o.Region = "eu-west-1";
            o.MaxErrorRetry = 2;
        });

        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TapkoContext>().Requests.Client;

        provider.GetService<IAmazonDynamoDB>().Should().BeNull("the stores' own client is registered nowhere, so it never stands in for the application's");

        client.Config.ServiceURL.Should().StartWith("http://127.0.0.1:8000");
        client.Config.AuthenticationRegion.Should().Be("eu-west-1");
        client.Config.MaxErrorRetry.Should().Be(2);
    }

    [Fact]
    public void A_client_the_host_registers_after_the_stores_is_the_one_they_use()
    {
        using var hostClient = new AmazonDynamoDBClient(new BasicAWSCredentials("a", "b"), new AmazonDynamoDBConfig { ServiceURL = "http://localhost:1" });
        var services = new ServiceCollection().AddTapkoStore(o => o.Region = "eu-west-1");
        services.AddSingleton<IAmazonDynamoDB>(hostClient);

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TapkoContext>().Requests.Client.Should().BeSameAs(hostClient);
    }

    [Fact]
    public void Invalid_options_fail_with_every_message_when_resolved()
    {
        var services = new ServiceCollection().AddTapkoStore(o => o.TableName = "?");

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<TapkoStoreOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*TableName*");
    }

    [Fact]
    public void Binds_every_option_from_the_tapko_section()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tapko:TableName"] = "feedback-prod",
            ["Tapko:Region"] = "eu-central-1",
            ["Tapko:ServiceUrl"] = "http://127.0.0.1:8000",
            ["Tapko:ConsistentReads"] = "true",
            ["Tapko:SubmitMode"] = "ReadThenWrite",
            ["Tapko:CursorSigningKey"] = Convert.ToBase64String(key),
            ["Tapko:MaxErrorRetry"] = "5",
            ["Tapko:BatchWriteMaxAttempts"] = "4",
            ["Tapko:TransactionConflictMaxAttempts"] = "2",
        }).Build();

        using var provider = new ServiceCollection()
            .AddTapkoStore(configuration.GetSection(TapkoStoreOptions.SectionName))
            .BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TapkoStoreOptions>>().Value;

        options.Should().BeEquivalentTo(new TapkoStoreOptions
        {
            TableName = "feedback-prod",
            Region = "eu-central-1",
            ServiceUrl = "http://127.0.0.1:8000",
            ConsistentReads = true,
            SubmitMode = SubmitMode.ReadThenWrite,
            CursorSigningKey = key,
            MaxErrorRetry = 5,
            BatchWriteMaxAttempts = 4,
            TransactionConflictMaxAttempts = 2,
        });
    }

    [Fact]
    public void The_configuration_overload_binds_through_generated_code()
    {
        // The reflection binder, trimmed or under Native AOT, finds no properties and silently leaves every option at
        // its default. The binding generator replaces the call in Tapko.Data at compile time; its code lives here.
        typeof(TapkoStoreOptions).Assembly.GetTypes()
            .Should().Contain(t => t.Namespace == "Microsoft.Extensions.Configuration.Binder.SourceGeneration");
    }

    [Fact]
    public void Invalid_options_fail_at_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tapko:TableName"] = "no spaces allowed",
            ["Tapko:CursorSigningKey"] = Convert.ToBase64String(new byte[4]),
        }).Build();
        using var provider = new ServiceCollection().AddTapkoStore(configuration.GetSection("Tapko")).BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*TableName*").WithMessage("*CursorSigningKey must be at least 32 bytes*");
    }

    [Fact]
    public void A_client_registered_with_AddAWSService_is_the_one_the_stores_use()
    {
        var services = new ServiceCollection()
            .AddDefaultAWSOptions(new AWSOptions { Credentials = new BasicAWSCredentials("a", "b"), Region = Amazon.RegionEndpoint.EUWest1 })
            .AddAWSService<IAmazonDynamoDB>()
            .AddTapkoStore(o => o.Region = "us-west-2");

        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAmazonDynamoDB>();

        client.Config.RegionEndpoint.Should().Be(Amazon.RegionEndpoint.EUWest1, "the host's AWS setup wins over the library's fallback client");
        provider.GetRequiredService<IFeedbackStore>().Should().NotBeNull();
    }
}
