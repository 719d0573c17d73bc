using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tapko.Data.Benchmarks.Capacity;

namespace Tapko.Data.Benchmarks.Columns;

/// <summary>
/// A summary column computed from the case's <see cref="CaseResult"/>, which the in-process run recorded through
/// <see cref="CaseLedger"/> while it measured the case.
/// </summary>
public sealed class CapacityColumn(string name, string legend, Func<CaseResult, string> value, int priority) : IColumn
{
    public static readonly IColumn[] All =
    [
        new CapacityColumn("RCU/op", "Read capacity units per call, as DynamoDB Local reported them on the Tapko.Data meter (table + indexes)", r => CaseResult.Format(r.Measured.Read), 0),
        new CapacityColumn("WCU/op", "Write capacity units per call, as DynamoDB Local reported them on the Tapko.Data meter (table + indexes)", r => CaseResult.Format(r.Measured.Write), 1),
        new CapacityColumn("Rules RCU", "Read units DynamoDB's documented rules give for the same requests and item sizes (a range where Scan pages round)", Expected, 2),
        new CapacityColumn("Rules WCU", "Write units DynamoDB's documented rules give for the same requests and item sizes", r => CaseResult.Format(r.Expected.Write), 3),
        new CapacityColumn("Min RCU", "Theoretical minimum read units of the pattern: the returned items' sizes, 4 KB units, eventually consistent", r => r.MinimumRead is { } m ? CaseResult.Format(m) : "-", 4),
        new CapacityColumn("RCU ÷ min", "Measured read units divided by the theoretical minimum", r => r.ReadOverMinimum is { } x ? x.ToString(x >= 100 ? "N0" : "0.00", System.Globalization.CultureInfo.InvariantCulture) : "-", 5),
        new CapacityColumn("Local vs rules", "'ok' when DynamoDB Local's units equal the rules' units; otherwise where they differ", r => r.Disagreements is { Count: > 0 } d ? "FLAG " + string.Join("; ", d) : "ok", 6),
    ];

    public string Id => nameof(CapacityColumn) + "." + ColumnName;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => priority;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Find(benchmarkCase) is { } result ? value(result) : "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public static CaseResult? Find(BenchmarkCase benchmarkCase)
    {
        var design = benchmarkCase.Parameters["Design"]?.ToString();
        var items = benchmarkCase.Parameters["Items"] is int n ? n : -1;
        return design is null ? null : CaseLedger.Results.GetValueOrDefault(CaseResult.KeyOf(benchmarkCase.Descriptor.WorkloadMethod.Name, design, items));
    }

    private static string Expected(CaseResult r)
    {
        var low = r.Expected.Read;
        var high = r.Expected.TableRead + r.Expected.IndexRead + r.ScanReadUpper;
        var (from, to) = (CaseResult.Format(low), CaseResult.Format(high));
        return from == to ? from : $"{from}–{to}";
    }
}
