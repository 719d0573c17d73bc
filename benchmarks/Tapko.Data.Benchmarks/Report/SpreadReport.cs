using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Sampling;
using Tapko.Data.Benchmarks.Suites;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>
/// The sampled calls as tables: every pattern's cost per call with its spread over calls, projects and seeds, and the
/// page reads set against the size of the project and of the table they were read from.
/// </summary>
public static class SpreadReport
{
    public const string FileName = "capacity-spread.md";

    /// <summary>Pattern method names in report order, with the names the tables use.</summary>
    public static readonly (string Method, string Title)[] Patterns =
    [
        (nameof(AccessPatternBenchmarks.CreateProject), "create project"),
        (nameof(AccessPatternBenchmarks.ToggleCollecting), "toggle collecting"),
        (nameof(AccessPatternBenchmarks.Submit), "submit"),
        (nameof(AccessPatternBenchmarks.GetFeedback), "get feedback"),
        (nameof(AccessPatternBenchmarks.ListPage), "list page (50 newest)"),
        (nameof(AccessPatternBenchmarks.StatusPage), "status-filter page (50 open)"),
        (nameof(AccessPatternBenchmarks.UpdateStatus), "update status"),
        (nameof(AccessPatternBenchmarks.DeleteProject), "delete project (20 items)"),
    ];

    /// <summary>Every sampled pattern in report order: the shared ones, then the single table's own.</summary>
    public static readonly (string Method, string Title)[] AllPatterns = [.. Patterns, .. TapkoPatterns.Titles];

    private static readonly (int From, int To, string Label)[] ProjectSizes =
    [
        (50, 199, "50–199"),
        (200, 999, "200–999"),
        (1_000, 9_999, "1,000–9,999"),
        (10_000, int.MaxValue, "10,000+"),
    ];

    public static string Write(IReadOnlyList<CallSample> samples, string artifactsPath)
    {
        var text = new StringBuilder();
        text.AppendLine("### Cost per call, with its spread").AppendLine();
        text.Append(CostTable(samples)).AppendLine();
        text.AppendLine("### Page reads by the size of the project and of the table").AppendLine();
        text.Append(FlatnessTable(samples));
        Directory.CreateDirectory(artifactsPath);
        File.WriteAllText(Path.Combine(artifactsPath, FileName), text.ToString());
        return text.ToString();
    }

    public static string CostTable(IReadOnlyList<CallSample> samples)
    {
        var text = new StringBuilder();
        text.AppendLine("| pattern | items | design | calls (projects, seeds) | RCU: median [min–max] | WCU: median [min–max] | mean ± 95 % | by the rules (AWS): median [min–max] | ÷ design floor | ÷ neutral floor | Local vs rules |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (method, title) in AllPatterns)
        {
            foreach (var items in samples.Select(s => s.Items).Distinct().Order())
            {
                foreach (var design in Enum.GetValues<DesignKind>().Select(d => d.ToString()))
                {
                    var calls = samples.Where(s => s.Pattern == method && s.Items == items && s.Design == design).ToList();
                    if (calls.Count == 0)
                    {
                        continue;
                    }

                    var read = Spread.Of(calls.Select(c => c.Measured.Read));
                    var write = Spread.Of(calls.Select(c => c.Measured.Write));
                    var main = read.Max > 0 ? $"{read.MeanInterval()} RCU" : $"{write.MeanInterval()} WCU";
                    if (read.Max > 0 && write.Max > 0)
                    {
                        main += $" + {write.MeanInterval()} WCU";
                    }

                    var rules = $"{Spread.Of(calls.Select(c => c.Expected.Read)).MedianRange(Spread.Units)} RCU + {Spread.Of(calls.Select(c => c.Expected.Write)).MedianRange(Spread.Units)} WCU";
                    if (method.StartsWith(TapkoPatterns.BulkMove, StringComparison.Ordinal))
                    {
                        rules += $"; per item {Spread.Of(calls.Select(c => c.Expected.Write / CountedWorkload.BulkItems)).Median.ToString("0.##", CultureInfo.InvariantCulture)} WCU";
                    }

                    var flagged = calls.Count(c => c.Disagreements.Count > 0);
                    var known = calls.Count(c => c.Disagreements.Count == 0 && RulesCheck.KnownShortfalls(c.Measured, c.Expected).Count > 0);
                    var verdict = flagged > 0 ? $"FLAG ({flagged} of {calls.Count})" : known > 0 ? $"known Local defect ({known} of {calls.Count} billed less)" : "ok";
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {title} | {items:N0} | {design} | {calls.Count} ({Projects(calls)}, {calls.Select(c => c.Seed).Distinct().Count()}) | {read.MedianRange(Spread.Units)} | {write.MedianRange(Spread.Units)} | {main} | {rules} | {Ratio(calls, c => c.ReadOverDesignFloor)} | {Ratio(calls, c => c.ReadOverNeutralFloor)} | {verdict} |");
                }
            }
        }

        return text.ToString();
    }

    public static string FlatnessTable(IReadOnlyList<CallSample> samples)
    {
        var sizes = samples.Select(s => s.Items).Distinct().Order().ToArray();
        var text = new StringBuilder();
        text.Append("| page | design | project items |");
        text.AppendJoin(string.Empty, sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $" {s:N0}-item table: RCU median [min–max], ÷ neutral floor |")));
        text.AppendLine();
        text.Append("| --- | --- | ---: |").AppendJoin(string.Empty, sizes.Select(_ => " ---: |")).AppendLine();
        foreach (var (method, title) in Patterns.Where(p => p.Method is nameof(AccessPatternBenchmarks.ListPage) or nameof(AccessPatternBenchmarks.StatusPage)))
        {
            foreach (var design in new[] { DesignKind.Tapko, DesignKind.MultiTableGsi }.Select(d => d.ToString()))
            {
                foreach (var (from, to, label) in ProjectSizes)
                {
                    var cells = sizes.Select(items => samples.Where(s => s.Pattern == method && s.Design == design && s.Items == items && s.ProjectItems >= from && s.ProjectItems <= to).ToList()).ToList();
                    if (cells.All(c => c.Count == 0))
                    {
                        continue;
                    }

                    text.Append(CultureInfo.InvariantCulture, $"| {title} | {design} | {label} |");
                    foreach (var calls in cells)
                    {
                        text.Append(calls.Count == 0
                            ? " - |"
                            : $" {Spread.Of(calls.Select(c => c.Measured.Read)).MedianRange(Spread.Units)}, {Spread.Of(calls.Select(c => c.ReadOverNeutralFloor ?? 0)).Median.ToString("0.00", CultureInfo.InvariantCulture)}× ({calls.Count}) |");
                    }

                    text.AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string Projects(List<CallSample> calls) =>
        calls[0].ProjectRank < 0 ? (calls[0].ProjectItems > 0 ? "a new one each" : "random") : calls.Select(c => (c.Seed, c.ProjectRank)).Distinct().Count().ToString(CultureInfo.InvariantCulture);

    private static string Ratio(List<CallSample> calls, Func<CallSample, double?> ratio)
    {
        var values = calls.Select(ratio).Where(r => r is not null).Select(r => r!.Value).ToList();
        return values.Count == 0 ? "-" : Spread.Of(values).MedianRange(Spread.Ratio);
    }
}
