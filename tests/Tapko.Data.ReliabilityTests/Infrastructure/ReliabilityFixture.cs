using System.Diagnostics;
using Tapko.Data.ReliabilityTests.Infrastructure;
using Tapko.Data.TestSupport;

[assembly: AssemblyFixture(typeof(ReliabilityFixture))]

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>
/// One DynamoDB Local for the whole assembly (a JVM start per class would dominate the run). Tests share it safely by
/// giving every test a table of its own (<see cref="TableTestBase"/>), and reach it through their own <see cref="FaultInjector"/>.
/// When the run ends the summed figures are written to <c>reliability-summary.txt</c> beside the test assembly (or to
/// the path in <c>TAPKO_RELIABILITY_SUMMARY</c>).
/// </summary>
public sealed class ReliabilityFixture : DynamoDbLocalFixture
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Whether the long, opt-in soak runs (environment variable <c>TAPKO_RELIABILITY_SOAK=1</c>).</summary>
    public static bool Soak => Environment.GetEnvironmentVariable("TAPKO_RELIABILITY_SOAK") is "1" or "true";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var path = Environment.GetEnvironmentVariable("TAPKO_RELIABILITY_SUMMARY")
            ?? Path.Combine(AppContext.BaseDirectory, "reliability-summary.txt");
        await File.WriteAllTextAsync(path, ReliabilityTally.Render(clock.Elapsed));
    }
}
