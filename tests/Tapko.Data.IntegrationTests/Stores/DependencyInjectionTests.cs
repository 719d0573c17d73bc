using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>AddTapkoStore in a host that already registered its DynamoDB client.</summary>
public sealed class DependencyInjectionTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "di")
{
    [Fact]
    public async Task Stores_resolved_with_the_hosts_client_work_end_to_end()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Fixture.Client);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddTapkoStore(o => o.TableName = Table);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IAmazonDynamoDB>().Should().BeSameAs(Fixture.Client, "the host's client is kept");
        var projects = provider.GetRequiredService<IProjectStore>();
        var feedback = provider.GetRequiredService<IFeedbackStore>();
        provider.GetRequiredService<IProjectStore>().Should().BeSameAs(projects, "stores are singletons");

        var key = new ProjectKey(NewOwner(), ProjectId.New());
        var project = await projects.CreateAsync(key, "Via DI", cancellationToken: Ct);
        var stored = await feedback.SubmitAsync(key, new NewFeedback("hello from DI"), Ct);

        project.CreatedAt.Should().Be(Clock.GetUtcNow(), "the registered TimeProvider is used");
        (await feedback.GetAsync(key, stored.Id, Ct)).Should().Be(stored);
        (await Projects.GetAsync(key, Ct)).Should().Be(project, "it wrote to the configured table");
    }

    [Fact]
    public async Task The_configured_options_reach_the_stores()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Fixture.Client);
        services.AddTapkoStore(o =>
        {
            o.TableName = Table;
            o.SubmitMode = SubmitMode.ReadThenWrite;
            o.StatusCounts = StatusCountsMode.None;
            o.CursorSigningKey = new byte[32];
        });
        await using var provider = services.BuildServiceProvider();
        var feedback = provider.GetRequiredService<IFeedbackStore>();
        using var capacity = new CapacityRecorder(Table);
        var key = await NewProjectAsync();
        await SubmitManyAsync(key, 3);

        await feedback.SubmitAsync(key, new NewFeedback("read then write"), Ct);
        var token = (await feedback.ListAsync(key, new FeedbackQuery { PageSize = 1 }, Ct)).ContinuationToken;

        capacity.All.Where(m => m.Operation == "feedback.submit").Select(m => m.DynamoDbOperation).Should().Contain("GetItem").And.Contain("PutItem");
        var unsigned = () => Feedback.ListAsync(key, new FeedbackQuery { PageSize = 1, ContinuationToken = token }, Ct);
        await unsigned.Should().ThrowAsync<InvalidContinuationTokenException>("the DI store signs with the configured key");
    }

    [Fact]
    public void Invalid_options_fail_on_first_resolution_with_every_broken_rule()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Fixture.Client);
        services.AddTapkoStore(o =>
        {
            o.TableName = "no spaces allowed";
            o.CursorSigningKey = new byte[8];
            o.BatchWriteMaxAttempts = 0;
        });
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IFeedbackStore>();

        var failure = resolve.Should().Throw<OptionsValidationException>().Which;
        failure.Message.Should().Contain("TableName").And.Contain("3 to 255 characters")
            .And.Contain("CursorSigningKey must be at least 32 bytes (was 8)")
            .And.Contain("BatchWriteMaxAttempts must be between 1 and 50 (was 0)");
        var projects = () => provider.GetRequiredService<IProjectStore>();
        projects.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Invalid_options_fail_at_host_start_validation()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Fixture.Client);
        services.AddTapkoStore(o => o.TableName = "x");
        using var provider = services.BuildServiceProvider();

        // What a generic host runs at start-up because AddTapkoStore asks for ValidateOnStart.
        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().WithMessage("*TableName*");
    }

    [Fact]
    public void A_store_constructed_directly_with_invalid_options_fails_with_a_clear_message()
    {
        var act = () => new FeedbackStore(Fixture.Client, new TapkoStoreOptions { TableName = "ok-table", TransactionConflictMaxAttempts = 0, MaxErrorRetry = 99 });

        act.Should().Throw<ArgumentException>()
            .WithMessage("Invalid Tapko store options:*MaxErrorRetry must be between 0 and 20 (was 99)*")
            .WithMessage("*TransactionConflictMaxAttempts must be between 1 and 50 (was 0)*");
    }

    [Fact]
    public async Task Options_are_copied_so_later_changes_do_not_reach_the_store()
    {
        var options = Options();
        var feedback = new FeedbackStore(Fixture.Client, options, Clock);
        options.TableName = "somewhere-else";
        var key = await NewProjectAsync();

        var stored = await feedback.SubmitAsync(key, new NewFeedback("still on the original table"), Ct);

        (await Feedback.GetAsync(key, stored.Id, Ct)).Should().Be(stored);
    }
}
