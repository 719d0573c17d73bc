using System.Collections.Immutable;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tapko.Data.Benchmarks.Suites;

/// <summary>
/// Rows grouped by pattern and dataset size, the three designs side by side in each group, so every comparison the
/// report makes is between adjacent rows.
/// </summary>
public sealed class PatternOrderer : IOrderer
{
    public bool SeparateLogicalGroups => true;

    public IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        benchmarksCase.OrderBy(Items).ThenBy(Design).ThenBy(c => c.Descriptor.MethodIndex);

    public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) =>
        benchmarksCases.OrderBy(c => c.Descriptor.MethodIndex).ThenBy(Items).ThenBy(Design);

    public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => null;

    public string GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) =>
        $"{benchmarkCase.Descriptor.MethodIndex:D2}-{Items(benchmarkCase):D7}";

    public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        logicalGroups.OrderBy(g => g.Key, StringComparer.Ordinal);

    private static int Items(BenchmarkCase c) => c.Parameters["Items"] is int n ? n : 0;

    private static int Design(BenchmarkCase c) => c.Parameters["Design"] is { } d ? (int)d : 0;
}
