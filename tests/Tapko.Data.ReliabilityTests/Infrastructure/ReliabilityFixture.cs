using System.Diagnostics;
using Amazon.DynamoDBv2;
using Tapko.Data.ReliabilityTests.Infrastructure;
using Tapko.Data.Testing;
using Tapko.Data.TestSupport;

[assembly: AssemblyFixture(typeof(ReliabilityFixture))]

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>
/// One DynamoDB Local for the whole assembly (a JVM start per class would dominate the run). Tests share it safely by
/// giving every table a name from <see cref="NewTableName"/>, and reach it through their own <see cref="FaultInjector"/>.
/// When the run ends the summed figures are written to <c>reliability-summary.txt</c> beside the test assembly (or to
/// the path in <c>TAPKO_RELIABILITY_SUMMARY</c>).
/// </summary>
public sealed class ReliabilityFixture : IAsyncLifetime
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private DynamoDbLocal? local;
    private readonly TableNames tableNames = new();

    /// <summary>A client without faults, owned by the fixture; for arranging and for reading the final state.</summary>
    public IAmazonDynamoDB Client => Local.Client;

    public Uri Endpoint => Local.Endpoint;

    private DynamoDbLocal Local =>
        local ?? throw new InvalidOperationException("The DynamoDB Local fixture has not been started.");

    /// <summary>Whether the long, opt-in soak runs (environment variable <c>TAPKO_RELIABILITY_SOAK=1</c>).</summary>
    public static bool Soak => Environment.GetEnvironmentVariable("TAPKO_RELIABILITY_SOAK") is "1" or "true";

    /// <summary>A table name no other call returns, in this process or another one sharing the endpoint.</summary>
    public string NewTableName(string prefix) => tableNames.Next(prefix);

    public async ValueTask InitializeAsync() =>
        local = await DynamoDbLocal.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (local is not null)
        {
            await local.DisposeAsync();
        }

        var path = Environment.GetEnvironmentVariable("TAPKO_RELIABILITY_SUMMARY")
            ?? Path.Combine(AppContext.BaseDirectory, "reliability-summary.txt");
        await File.WriteAllTextAsync(path, ReliabilityTally.Render(clock.Elapsed));
    }
}
