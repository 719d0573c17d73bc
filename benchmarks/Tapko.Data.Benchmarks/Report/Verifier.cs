using System.Globalization;
using System.Text.Json;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Sampling;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>
/// The check a run ends with, and CI's gate: the reports exist and are complete, and DynamoDB Local agrees with the
/// documented rules on every row of the latency suite and on every sampled call. Agreement is recomputed from the
/// unrounded units in the JSON reports with <see cref="RulesCheck"/>, not read from a verdict column, so a report that
/// says "ok" over numbers that disagree fails too. Timings are never checked: on a shared CI machine they mean nothing.
/// </summary>
public static class Verifier
{
    private static readonly string[] Patterns =
        ["create project", "toggle collecting", "submit", "get feedback", "list page", "status-filter page", "update status", "delete project"];

    private static readonly string[] PatternColumns =
        ["Method", "Design", "RCU/op", "WCU/op", "Rules RCU", "Rules WCU", "÷ design floor", "÷ neutral floor", "Local vs rules", "Local mean", "Allocated"];

    public static int Run(string artifactsPath, IReadOnlySet<string>? suites = null)
    {
        var problems = Check(artifactsPath, suites);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("verify: " + problem);
        }

        Console.WriteLine(problems.Count == 0
            ? $"verify: the benchmark reports in {artifactsPath} are complete and DynamoDB Local agrees with the rules on every row and call."
            : $"verify: {problems.Count} problem(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <param name="suites">The suites whose reports to check ("patterns", "overhead"); both when null.</param>
    public static List<string> Check(string artifactsPath, IReadOnlySet<string>? suites = null)
    {
        var problems = new List<string>();
        var results = Path.Combine(artifactsPath, "results");
        if (suites is null || suites.Contains("patterns"))
        {
            CheckPatternTable(results, problems);
            CheckCases(artifactsPath, problems);
            CheckSamples(artifactsPath, problems);
        }

        if (suites is null || suites.Contains("overhead"))
        {
            var overhead = Find(results, "ClientOverheadBenchmarks-report.csv", problems);
            if (overhead is not null)
            {
                var rows = Csv.Read(overhead).Rows;
                if (rows.Count == 0)
                {
                    problems.Add($"{Path.GetFileName(overhead)} has no rows.");
                }
                else if (!rows.Any(r => r.GetValueOrDefault("Method", string.Empty).Contains("OpenTelemetry", StringComparison.Ordinal)))
                {
                    problems.Add($"{Path.GetFileName(overhead)} has no row measured with OpenTelemetry listening.");
                }

                // BenchmarkDotNet writes NA for a case whose setup or call threw: the suite ran, but measured nothing.
                problems.AddRange(rows
                    .Where(r => r.GetValueOrDefault("Mean", "NA") is "NA" or "")
                    .Select(r => $"{Path.GetFileName(overhead)}: '{r.GetValueOrDefault("Method")}' ({r.GetValueOrDefault("Categories")}) has no result; the case failed."));
            }
        }

        return problems;
    }

    private static void CheckPatternTable(string results, List<string> problems)
    {
        var patterns = Find(results, "AccessPatternBenchmarks-report.csv", problems);
        if (patterns is null)
        {
            return;
        }

        var (header, rows) = Csv.Read(patterns);
        var missing = PatternColumns.Where(c => !header.Contains(c)).ToList();
        problems.AddRange(missing.Select(c => $"{Path.GetFileName(patterns)} has no '{c}' column."));
        if (missing.Count > 0)
        {
            return;
        }

        foreach (var row in rows)
        {
            // BenchmarkDotNet quotes descriptions that contain spaces.
            var method = row["Method"].Trim('\'');
            var name = $"{method} / {row["Design"]} / {row.GetValueOrDefault("Items")}";
            foreach (var column in new[] { "RCU/op", "WCU/op" })
            {
                if (!double.TryParse(row[column], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{name}: '{column}' is '{row[column]}', not a number.");
                }
            }

            if (row["Local vs rules"] != "ok" && !row["Local vs rules"].StartsWith(RulesCheck.KnownDefectVerdict, StringComparison.Ordinal))
            {
                problems.Add($"{name}: DynamoDB Local disagrees with the rules ('{row["Local vs rules"]}').");
            }
        }

        foreach (var pattern in Patterns)
        {
            var designs = rows.Where(r => r["Method"].Trim('\'') == pattern).Select(r => r["Design"]).Distinct().Count();
            if (designs < 3)
            {
                problems.Add($"'{pattern}' has rows for {designs} of the 3 designs.");
            }
        }
    }

    private static void CheckCases(string artifactsPath, List<string> problems)
    {
        var path = Path.Combine(artifactsPath, ResultsFile.FileName);
        if (!File.Exists(path))
        {
            problems.Add($"no {ResultsFile.FileName} in {artifactsPath}.");
            return;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var row in json.RootElement.EnumerateArray())
        {
            var measured = row.GetProperty("Measured").Deserialize<Units>();
            var expected = row.GetProperty("Expected").Deserialize<Units>();
            var disagreements = RulesCheck.Disagreements(measured, expected, row.GetProperty("ScanReadUpper").GetDouble());
            if (disagreements.Count > 0)
            {
                problems.Add($"{row.GetProperty("Pattern").GetString()} / {row.GetProperty("Design").GetString()} / {row.GetProperty("Items").GetInt32()}: DynamoDB Local disagrees with the rules ({string.Join("; ", disagreements)}).");
            }
        }
    }

    private static void CheckSamples(string artifactsPath, List<string> problems)
    {
        if (!File.Exists(Path.Combine(artifactsPath, SamplesFile.FileName)))
        {
            problems.Add($"no {SamplesFile.FileName} in {artifactsPath}.");
            return;
        }

        var samples = SamplesFile.Read(artifactsPath);
        foreach (var sample in samples)
        {
            var disagreements = RulesCheck.Disagreements(sample.Measured, sample.Expected, RulesCheck.ScanUpper(sample.Expected, sample.ScanRequests));
            if (disagreements.Count > 0)
            {
                problems.Add($"sampled call {sample.Pattern} / {sample.Design} / {sample.Items} seed {sample.Seed}: DynamoDB Local disagrees with the rules ({string.Join("; ", disagreements)}).");
            }
        }

        foreach (var (method, _) in SpreadReport.Patterns)
        {
            var designs = samples.Where(s => s.Pattern == method).Select(s => s.Design).Distinct().Count();
            if (designs < 3)
            {
                problems.Add($"'{method}' was sampled in {designs} of the 3 designs.");
            }
        }

        foreach (var (method, _) in TapkoPatterns.Titles)
        {
            if (!samples.Any(s => s.Pattern == method && s.Design == nameof(Designs.DesignKind.Tapko)))
            {
                problems.Add($"'{method}' was not sampled in the single table.");
            }
        }
    }

    private static string? Find(string directory, string suffix, List<string> problems)
    {
        var file = Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + suffix).OrderBy(File.GetLastWriteTimeUtc).LastOrDefault() : null;
        if (file is null)
        {
            problems.Add($"no *{suffix} in {directory}.");
        }

        return file;
    }
}
