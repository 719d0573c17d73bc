using Amazon;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tapko.Data;
using Tapko.Data.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Tapko stores.</summary>
public static class TapkoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IProjectStore"/> and <see cref="IFeedbackStore"/> as thread-safe singletons, plus
    /// <see cref="TimeProvider.System"/> if no <see cref="TimeProvider"/> is registered. Uses the
    /// <see cref="IAmazonDynamoDB"/> the host registered (before or after this call); only when there is none, the
    /// stores create their own from <see cref="TapkoStoreOptions.Region"/>, <see cref="TapkoStoreOptions.ServiceUrl"/>
    /// and <see cref="TapkoStoreOptions.MaxErrorRetry"/> with the SDK's default credential chain. That client is not
    /// registered as <see cref="IAmazonDynamoDB"/> (it never shadows one the application registers later) and is disposed
    /// with the container; <see cref="TapkoTableClient"/>, also registered here, hands out whichever client the stores
    /// use, with the table name, to create or check the table.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; validated when the host starts (or the stores are first resolved).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTapkoStore(this IServiceCollection services, Action<TapkoStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, services.AddOptions<TapkoStoreOptions>().Configure(configure));
    }

    /// <summary>
    /// Registers the stores like <see cref="AddTapkoStore(IServiceCollection, Action{TapkoStoreOptions})"/>, with options
    /// bound from a configuration section — usually <c>configuration.GetSection(TapkoStoreOptions.SectionName)</c>
    /// (<c>"Tapko"</c>). <see cref="TapkoStoreOptions.CursorSigningKey"/> is read as base64 text.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section holding the options, e.g. <c>{ "TableName": "tapko", "Region": "eu-west-1" }</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTapkoStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        // The configuration binding generator (EnableConfigurationBindingGenerator in the csproj) replaces this call with
        // generated code that binds every property without reflection, so it works trimmed and under Native AOT; its
        // own suppressor clears IL2026/IL3050 here, but Roslyn applies suppressors only to warnings, not to warnings
        // promoted to errors, hence the pragma. tests/AotConsumer proves under PublishAot that the section is bound.
#pragma warning disable IL2026, IL3050
        return AddCore(services, services.AddOptions<TapkoStoreOptions>().Bind(section));
#pragma warning restore IL2026, IL3050
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<TapkoStoreOptions> options)
    {
        // Invalid options fail when the host starts, not on the first request that needs a store.
        options.ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TapkoStoreOptions>, TapkoStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TapkoStoreOptions>>().Value;

            // The host's client if it registered one, whenever it did; otherwise one of the stores' own, registered
            // nowhere, so it never takes the place of a client the application registers for other uses.
            var hostClient = sp.GetService<IAmazonDynamoDB>();
            return new TapkoContext(
                hostClient ?? CreateClient(options),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
                ownsClient: hostClient is null);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<TapkoContext>().TableClient);
        services.TryAddSingleton<IProjectStore>(sp => new ProjectStore(sp.GetRequiredService<TapkoContext>()));
        services.TryAddSingleton<IFeedbackStore>(sp => new FeedbackStore(sp.GetRequiredService<TapkoContext>()));
        return services;
    }

    internal static AmazonDynamoDBClient CreateClient(TapkoStoreOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = options.MaxErrorRetry;
        if (options.ServiceUrl is not null)
        {
            // Setting RegionEndpoint would clear ServiceURL in SDK v4; the region only signs requests here.
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonDynamoDBClient(config);
    }
}
