using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tapko.Data.Tests;

public sealed class OptionsAndRegistrationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new TapkoStoreOptions().Validate().Should().BeEmpty();
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

        options.Validate().Should().HaveCount(7);
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
    public void Creates_a_client_from_the_options_when_the_host_has_none()
    {
        var services = new ServiceCollection().AddTapkoStore(o =>
        {
            o.ServiceUrl = "http://127.0.0.1:8000";
            o.Region = "eu-west-1";
            o.MaxErrorRetry = 2;
        });

        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAmazonDynamoDB>();

        client.Config.ServiceURL.Should().StartWith("http://127.0.0.1:8000");
        client.Config.AuthenticationRegion.Should().Be("eu-west-1");
        client.Config.MaxErrorRetry.Should().Be(2);
    }

    [Fact]
    public void Invalid_options_fail_with_every_message_when_resolved()
    {
        var services = new ServiceCollection().AddTapkoStore(o => o.TableName = "?");

        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<TapkoStoreOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*TableName*");
    }
}
