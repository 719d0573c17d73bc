using System.Globalization;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>
/// The CI smoke check: the run produced BenchmarkDotNet's reports, every access-pattern row has numeric RCU/op and
/// WCU/op and a DynamoDB-Local-vs-rules verdict, and the client-overhead suite measured something. Timings are never
/// checked: on a shared CI machine they mean nothing.
/// </summary>
public static class Verifier
{
    private static readonly string[] Patterns =
        ["create project", "toggle collecting", "submit", "get feedback", "list page", "status-filter page", "update status", "delete project"];

    public static int Run(string artifactsPath)
    {
        var problems = Check(artifactsPath);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("verify: " + problem);
        }

        Console.WriteLine(problems.Count == 0 ? $"verify: the benchmark reports in {artifactsPath} are complete." : $"verify: {problems.Count} problem(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    public static List<string> Check(string artifactsPath)
    {
        var problems = new List<string>();
        var results = Path.Combine(artifactsPath, "results");
        var patterns = Find(results, "AccessPatternBenchmarks-report.csv", problems);
        if (patterns is not null)
        {
            var (header, rows) = Csv.Read(patterns);
            foreach (var column in new[] { "Method", "Design", "RCU/op", "WCU/op", "Rules RCU", "Rules WCU", "Local vs rules", "Local mean", "Allocated" })
            {
                if (!header.Contains(column))
                {
                    problems.Add($"{Path.GetFileName(patterns)} has no '{column}' column.");
                }
            }

            if (problems.Count == 0)
            {
                foreach (var row in rows)
                {
                    // BenchmarkDotNet quotes descriptions that contain spaces.
                    row["Method"] = row["Method"].Trim('\'');
                    var name = $"{row["Method"]} / {row["Design"]}";
                    foreach (var column in new[] { "RCU/op", "WCU/op" })
                    {
                        if (!double.TryParse(row[column], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                        {
                            problems.Add($"{name}: '{column}' is '{row[column]}', not a number.");
                        }
                    }

                    if (!(row["Local vs rules"].StartsWith("ok", StringComparison.Ordinal) || row["Local vs rules"].StartsWith("FLAG", StringComparison.Ordinal)))
                    {
                        problems.Add($"{name}: no DynamoDB Local check ('{row["Local vs rules"]}').");
                    }
                }

                foreach (var pattern in Patterns)
                {
                    var designs = rows.Where(r => r["Method"] == pattern).Select(r => r["Design"]).Distinct().Count();
                    if (designs < 3)
                    {
                        problems.Add($"'{pattern}' has rows for {designs} of the 3 designs.");
                    }
                }
            }
        }

        var overhead = Find(results, "ClientOverheadBenchmarks-report.csv", problems);
        if (overhead is not null && Csv.Read(overhead).Rows.Count == 0)
        {
            problems.Add($"{Path.GetFileName(overhead)} has no rows.");
        }

        return problems;
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
