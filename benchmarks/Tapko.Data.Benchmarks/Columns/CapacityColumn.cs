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
        new CapacityColumn("Floor (design)", "The design's own floor: the returned items as this design stores them, 4 KB units, eventually consistent", r => r.MinimumRead is { } m ? CaseResult.Format(m) : "-", 4),
        new CapacityColumn("÷ design floor", "Measured read units divided by the design's own floor", r => Ratio(r.ReadOverMinimum), 5),
        new CapacityColumn("Floor (neutral)", "The design-neutral floor: the returned items as the user's data alone (ids, message, payload, status, timestamps), 4 KB units, eventually consistent", r => r.NeutralRead is { } m ? CaseResult.Format(m) : "-", 6),
        new CapacityColumn("÷ neutral floor", "Measured read units divided by the design-neutral floor", r => Ratio(r.ReadOverNeutral), 7),
        new CapacityColumn("Local vs rules", "'ok' when DynamoDB Local's units equal the rules' units; 'known Local defect' where it bills less within a measured defect; otherwise FLAG and where they differ", r => RulesCheck.Verdict(r.Disagreements, RulesCheck.KnownShortfalls(r.Measured, r.Expected)), 8),
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

    public static string Ratio(double? ratio) => ratio is { } x ? x.ToString(x >= 100 ? "N0" : "0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static string Expected(CaseResult r)
    {
        var low = r.Expected.Read;
        var high = r.Expected.TableRead + r.Expected.IndexRead + r.ScanReadUpper;
        var (from, to) = (CaseResult.Format(low), CaseResult.Format(high));
        return from == to ? from : $"{from}–{to}";
    }
}
