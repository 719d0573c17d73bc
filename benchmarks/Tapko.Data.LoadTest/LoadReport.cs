using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tapko.Data.LoadTest;

/// <summary>The run's results as the console prints them, as markdown tables for docs/scale.md, and as JSON.</summary>
public static class LoadReport
{
    public const string ResultsFile = "load-results.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Header(LoadSettings settings) => string.Create(
        CultureInfo.InvariantCulture,
        $"Viral burst, {(settings.Quick ? "quick" : "full")} run: {settings.Seconds} model s per rate, time scale {settings.TimeScale?.ToString(CultureInfo.InvariantCulture) ?? "max(4, rate/100)"} (real s per model s), " +
        $"{settings.Arrivals.ToString().ToLowerInvariant()} arrivals, at most {settings.Submitters} submissions in flight, transaction latency {settings.TransactionLatency.TotalMilliseconds} ms (model); rates {string.Join("; ", settings.Designs.Select(d => $"{d.Name} {string.Join(", ", settings.RatesOf(d))}"))}/s");

    /// <summary>One row per point: the summary of the curve.</summary>
    public static string Summary(IEnumerable<PointResult> points)
    {
        var text = new StringBuilder();
        text.AppendLine("| design | offered/s | offered | acked | acked/s | refused (throttled/conflicted/failed) | unknown (stored before the repeat) | retries | model throttles | model conflicts | conflicts per submission | p50 ms | p99 ms | table WCU/s | GSI1 WCU/s | start lag p99 ms | time scale | lost | duplicated | refused but stored | repeats broken |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Design} | {p.Rate:N0} | {p.Offered:N0} | {p.Acknowledged:N0} | {p.AcknowledgedPerSecond:N0} | {Refused(p)} | {p.Unknown:N0} ({p.UnknownStoredBefore:N0}) | {p.Retries:N0} | {p.Throttles:N0} | {p.Conflicts:N0} | {p.ConflictsPerSubmission:0.00} | {p.P50Ms:N0} | {p.P99Ms:N0} | {p.TableWcuPerSecond:N0} | {p.IndexWcuPerSecond:N0} | {p.StartLagP99Ms:N0} | {p.TimeScale:0.#} | {p.Lost} | {p.Duplicated} | {p.RefusedButStored} | {p.RepeatsBroken} |");
        }

        return text.ToString();
    }

    /// <summary>Offered against acknowledged per model second of one point.</summary>
    public static string PerSecond(PointResult point)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{point.Design} at {point.Rate:N0}/s, per model second:");
        text.AppendLine("| second | offered | acked | refused | unknown | model throttles | model conflicts |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in point.PerSecond)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Second} | {s.Offered:N0} | {s.Acknowledged:N0} | {s.Refused:N0} | {s.Unknown:N0} | {s.Throttles:N0} | {s.Conflicts:N0} |");
        }

        return text.ToString();
    }

    /// <summary>Per design: the highest offered rate acknowledged in full, and the most acknowledged per second.</summary>
    public static string Saturation(IEnumerable<PointResult> points)
    {
        var text = new StringBuilder();
        foreach (var design in points.GroupBy(p => p.Design))
        {
            var sustained = design.Where(p => p.Sustained).Select(p => p.Rate).DefaultIfEmpty(0).Max();
            var best = design.MaxBy(p => p.AcknowledgedPerSecond)!;
            text.AppendLine(CultureInfo.InvariantCulture, $"{design.Key}: every submission acknowledged up to {sustained:N0}/s offered; at most {best.AcknowledgedPerSecond:N0} acknowledged/s (offered {best.Rate:N0}/s).");
        }

        return text.ToString();
    }

    public static void Write(IReadOnlyList<PointResult> points, LoadSettings settings)
    {
        Directory.CreateDirectory(settings.ArtifactsPath);
        File.WriteAllText(Path.Combine(settings.ArtifactsPath, ResultsFile), JsonSerializer.Serialize(points, Indented));
        var markdown = new StringBuilder().AppendLine(Header(settings)).AppendLine().AppendLine(Summary(points)).AppendLine(Saturation(points));
        foreach (var point in points)
        {
            markdown.AppendLine(PerSecond(point));
        }

        File.WriteAllText(Path.Combine(settings.ArtifactsPath, "load-report.md"), markdown.ToString());
    }

    private static string Refused(PointResult p) =>
        $"{p.Refused.GetValueOrDefault("Throttled")}/{p.Refused.GetValueOrDefault("Conflicted")}/{p.Refused.GetValueOrDefault("Failed")}";
}
