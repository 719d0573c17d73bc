using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tapko.Data.Benchmarks.Columns;

/// <summary>
/// The mean time of a call against DynamoDB Local on this machine, named so that nobody reads it as DynamoDB's
/// latency: a local Java process on the same two cores says nothing about a network round trip to AWS.
/// </summary>
public sealed class LocalLatencyColumn : IColumn
{
    public string Id => nameof(LocalLatencyColumn);

    public string ColumnName => "Local mean";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "Mean time of one call against DynamoDB Local on this machine: local latency, not DynamoDB's in AWS; (1 call): a call that scans the largest table, measured once";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats
            ? (stats.Mean / 1_000_000).ToString("N2", CultureInfo.InvariantCulture) + (stats.N == 1 ? " ms (1 call)" : " ms")
            : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
