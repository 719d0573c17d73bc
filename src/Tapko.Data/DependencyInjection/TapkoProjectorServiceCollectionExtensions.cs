using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tapko.Data;
using Tapko.Data.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the change feed's projector (<see cref="StatusCountsMode.Streamed"/> counts and feedback events).</summary>
public static class TapkoProjectorServiceCollectionExtensions
{
    /// <summary>
    /// Runs the projector in this host as a hosted service (<see cref="TapkoProjector"/>): it reads the table's stream,
    /// keeps the status counts and hands feedback events to every registered <see cref="IFeedbackEventHandler"/>. One
    /// host per table (a lease in the table makes others wait); for production scale deploy
    /// <see cref="TapkoProjectorFunction"/> as a Lambda instead. Needs <c>AddTapkoStore</c>, whose table and client it uses.
    /// Also registers <see cref="TapkoProjector"/> and <see cref="FeedbackEventDeadLetters"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the projector's options; validated when the host starts.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTapkoProjector(this IServiceCollection services, Action<TapkoProjectorOptions>? configure = null)
    {
        AddParts(services, configure, "hosted");
        services.TryAddSingleton(sp => new TapkoProjector(sp.GetRequiredService<ProjectorParts>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TapkoProjectorService>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="TapkoProjectorFunction"/> for an AWS Lambda function on the table's stream, and
    /// <see cref="FeedbackEventDeadLetters"/>; starts nothing (AWS invokes the function). Needs <c>AddTapkoStore</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the projector's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddTapkoProjectorFunction(this IServiceCollection services, Action<TapkoProjectorOptions>? configure = null)
    {
        AddParts(services, configure, "lambda");
        services.TryAddSingleton(sp => new TapkoProjectorFunction(sp.GetRequiredService<ProjectorParts>()));
        return services;
    }

    private static void AddParts(IServiceCollection services, Action<TapkoProjectorOptions>? configure, string host)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TapkoProjectorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TapkoProjectorOptions>, TapkoProjectorOptionsValidator>());
        services.TryAddSingleton(sp => new ProjectorParts(
            sp.GetService<TapkoContext>()
                ?? throw new InvalidOperationException("The Tapko projector needs services.AddTapkoStore(...) for its table and client."),
            sp.GetRequiredService<IOptions<TapkoProjectorOptions>>().Value,
            sp.GetServices<IFeedbackEventHandler>(),
            host));
        services.TryAddSingleton(sp => sp.GetRequiredService<ProjectorParts>().DeadLetters);
    }
}
