using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Report;
using Tapko.Data.Benchmarks.Sampling;

namespace Tapko.Data.Benchmarks.Tests;

/// <summary>
/// A complete set of benchmark reports in a temporary directory, written with the harness's own writers, in which a
/// test can make DynamoDB Local disagree with the rules in one place.
/// </summary>
internal sealed class BenchmarkReports : IDisposable
{
    private static readonly string[] Methods =
        ["create project", "toggle collecting", "submit", "get feedback", "list page", "status-filter page", "update status", "delete project"];

    public BenchmarkReports()
    {
        Directory.CreateDirectory(Results);
        foreach (var (method, _) in SpreadReport.Patterns)
        {
            foreach (var design in Enum.GetValues<DesignKind>())
            {
                Samples.Add(new CallSample(method, design.ToString(), 1_000, 0, -1, 0, Expected, Expected, 0));
                Cases.Add(new CaseResult(method, design.ToString(), 1_000, 3, Expected, Expected, 0, null, null));
            }
        }

        foreach (var (method, _) in TapkoPatterns.Titles)
        {
            Samples.Add(new CallSample(method, nameof(DesignKind.Tapko), 1_000, 0, -1, 0, Expected, Expected, 0));
        }

        foreach (var method in Methods)
        {
            foreach (var design in Enum.GetValues<DesignKind>())
            {
                PatternRows.Add((method, design.ToString(), "ok"));
            }
        }
    }

    /// <summary>Two table writes and an index write per call: what every call is made to cost by default.</summary>
    public static Units Expected { get; } = Units.TableWrites(2) + Units.IndexWrites(1);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tapko-bench-verify-" + Guid.NewGuid().ToString("N"));

    public List<CallSample> Samples { get; } = [];

    public List<CaseResult> Cases { get; } = [];

    public List<(string Method, string Design, string Verdict)> PatternRows { get; } = [];

    /// <summary>The client-overhead report's rows (Method, Categories, Mean).</summary>
    public string OverheadRows { get; init; } = "library,get feedback,19 us\n'library + OpenTelemetry',get feedback,21 us\n'low-level SDK',get feedback,19 us\n";

    private string Results => System.IO.Path.Combine(Path, "results");

    /// <summary>Writes every report as the run would; call after changing the lists.</summary>
    public string Write()
    {
        SamplesFile.Write(Samples, Path);
        ResultsFile.Write(Cases, Path);

        var patterns = new StringBuilder("Method,Items,Design,Local mean,RCU/op,WCU/op,Rules RCU,Rules WCU,Floor (design),÷ design floor,Floor (neutral),÷ neutral floor,Local vs rules,Allocated\n");
        foreach (var (method, design, verdict) in PatternRows)
        {
            patterns.Append(CultureInfo.InvariantCulture, $"'{method}',1000,{design},1.00 ms,0,3,0,3,-,-,-,-,\"{verdict}\",40 KB\n");
        }

        File.WriteAllText(System.IO.Path.Combine(Results, "Tapko.Data.Benchmarks.Suites.AccessPatternBenchmarks-report.csv"), patterns.ToString());
        File.WriteAllText(
            System.IO.Path.Combine(Results, "Tapko.Data.Benchmarks.Suites.ClientOverheadBenchmarks-report.csv"),
            "Method,Categories,Mean\n" + OverheadRows);
        return Path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
