namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// The seeded datasets of this run. Seeding happens once, before BenchmarkDotNet starts, and every case of the
/// in-process DynamoDB suite reads from here: seeding 100k items per case would take the run from minutes to hours.
/// </summary>
public static class Datasets
{
    private static readonly Dictionary<int, Dataset> BySize = [];

    public static IReadOnlyCollection<Dataset> All => BySize.Values;

    public static void Add(Dataset dataset) => BySize[dataset.Items] = dataset;

    public static Dataset Get(int items) =>
        BySize.TryGetValue(items, out var dataset)
            ? dataset
            : throw new InvalidOperationException($"The {items:N0}-item dataset was not seeded; run the benchmarks through Program, not a bare BenchmarkRunner.");
}
