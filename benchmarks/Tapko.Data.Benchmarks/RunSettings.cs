namespace Tapko.Data.Benchmarks;

/// <summary>
/// What a run covers. The full run is the report; the quick run proves the whole pipeline works (seeding, every
/// pattern of every design, the capacity columns, the chart) in well under three minutes, for CI.
/// </summary>
/// <param name="SampleCalls">Calls of each pattern in each design on each dataset for the capacity spread.</param>
/// <param name="SampleSeeds">Generator seeds besides 0 seeded only for the capacity spread, at the sizes of <paramref name="Sizes"/> up to <paramref name="SampleSeedMaxItems"/>.</param>
public sealed record RunSettings(
    bool Quick, int[] Sizes, int WarmupCount, int IterationCount, string ArtifactsPath, int SampleCalls, int[] SampleSeeds, int SampleSeedMaxItems)
{
    public static RunSettings Current { get; set; } = Full("BenchmarkDotNet.Artifacts");

    public static RunSettings Full(string artifacts) =>
        new(false, [1_000, 10_000, 100_000], WarmupCount: 2, IterationCount: 15, artifacts, SampleCalls: 40, SampleSeeds: [1, 2, 3, 4], SampleSeedMaxItems: 10_000);

    public static RunSettings QuickRun(string artifacts) =>
        new(true, [1_000], WarmupCount: 1, IterationCount: 3, artifacts, SampleCalls: 4, SampleSeeds: [1], SampleSeedMaxItems: 1_000);
}
