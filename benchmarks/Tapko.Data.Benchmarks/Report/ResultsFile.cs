using System.Text.Json;
using Tapko.Data.Benchmarks.Capacity;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>The capacity results as JSON beside BenchmarkDotNet's reports, for the chart and for anyone comparing runs.</summary>
public static class ResultsFile
{
    public const string FileName = "capacity-results.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Write(IEnumerable<CaseResult> results, string artifactsPath)
    {
        Directory.CreateDirectory(artifactsPath);
        var path = Path.Combine(artifactsPath, FileName);
        var rows = results.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Items).ThenBy(r => r.Design, StringComparer.Ordinal).Select(r => new
        {
            r.Pattern,
            r.Design,
            r.Items,
            r.Invocations,
            MeasuredRead = r.Measured.Read,
            MeasuredWrite = r.Measured.Write,
            r.Measured,
            ExpectedRead = r.Expected.Read,
            ExpectedWrite = r.Expected.Write,
            r.Expected,
            r.MinimumRead,
            r.ReadOverMinimum,
            r.NeutralRead,
            r.ReadOverNeutral,
            r.ScanReadUpper,
            r.Disagreements,
        });
        File.WriteAllText(path, JsonSerializer.Serialize(rows, Options));
        return path;
    }
}
