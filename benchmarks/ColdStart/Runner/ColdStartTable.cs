using System.Globalization;
using System.Text;
using Tapko.Data.Testing;

namespace Tapko.Data.ColdStart;

/// <summary>The Markdown table of a cold-start run: median and spread per app, labelled as local.</summary>
internal static class ColdStartTable
{
    public static string Render(IReadOnlyDictionary<AppUnderTest, List<RunResult>> samples, int runs, DynamoDbLocalSource source)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Local: DynamoDB Local ({source}) on this machine ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}{LoadAverage()}), {runs} starts per app after one unmeasured start, interleaved.");
        text.AppendLine();
        text.AppendLine("| app | to first acknowledged submit, median | min – max | to exit, median |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (app, results) in samples)
        {
            var submit = results.Select(r => r.ToFirstSubmit.TotalMilliseconds).Order().ToList();
            var exit = results.Select(r => r.ToExit.TotalMilliseconds).Order().ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {app.Label} | {Median(submit):F0} ms | {submit[0]:F0} – {submit[^1]:F0} ms | {Median(exit):F0} ms |");
        }

        return text.ToString();
    }

    /// <summary>The machine's load when the table was made: other work on a shared machine shifts every number.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? $", load average {string.Join(' ', File.ReadAllText(path).Split(' ').Take(3))} at the end" : string.Empty;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
