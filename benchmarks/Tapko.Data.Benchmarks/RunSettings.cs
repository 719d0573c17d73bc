namespace Tapko.Data.Benchmarks;

/// <summary>
/// What a run covers. The full run is the report; the quick run proves the whole pipeline works (seeding, every
/// pattern of every design, the capacity columns, the chart) in well under three minutes, for CI.
/// </summary>
public sealed record RunSettings(bool Quick, int[] Sizes, int WarmupCount, int IterationCount, string ArtifactsPath)
{
    public static RunSettings Current { get; set; } = Full("BenchmarkDotNet.Artifacts");

    public static RunSettings Full(string artifacts) => new(false, [1_000, 10_000, 100_000], WarmupCount: 2, IterationCount: 15, artifacts);

    public static RunSettings QuickRun(string artifacts) => new(true, [1_000], WarmupCount: 1, IterationCount: 3, artifacts);
}
