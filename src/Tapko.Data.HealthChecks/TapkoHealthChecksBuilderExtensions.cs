using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tapko.Data;
using Tapko.Data.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the health check of the Tapko table.</summary>
public static class TapkoHealthChecksBuilderExtensions
{
    /// <summary>The name the check is registered under unless another is given.</summary>
    public const string DefaultName = "tapko-table";

    /// <summary>
    /// Adds a check that sends one <c>DescribeTable</c> for <see cref="TapkoStoreOptions.TableName"/> with the client the
    /// stores use (<see cref="TapkoTableClient"/>: the host's <c>IAmazonDynamoDB</c>, or the library's own),
    /// and reports <paramref name="failureStatus"/> when the table is missing, is
    /// not <c>ACTIVE</c> (or its index <c>GSI1</c> is not), or its key schema or <c>GSI1</c> differ from
    /// <see cref="TapkoTable.BuildCreateTableRequest"/>; the description names every problem found. Call
    /// <c>AddTapkoStore</c> too.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> by default.</param>
    /// <param name="failureStatus">What a failed check reports; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>"ready"</c>.</param>
    /// <param name="timeout">How long the check may take; the framework's default when <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddTapkoTable(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new TapkoTableHealthCheck(sp.GetRequiredService<TapkoTableClient>()),
            failureStatus,
            tags,
            timeout));
    }
}
