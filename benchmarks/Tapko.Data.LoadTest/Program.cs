using System.Diagnostics;
using Tapko.Data.LoadTest;
using Tapko.Data.Testing;

// dotnet run -c Release --project benchmarks/Tapko.Data.LoadTest -- [--quick] [--designs transactional,read-then-write]
//     [--rates 50,100,...] [--seconds 5] [--time-scale 4] [--submitters 2048] [--transaction-latency-ms 10]
//     [--artifacts DIR] [--chart FILE.svg] [--rates-of sharded-16=1000,2000,4000] [--request-timeout-ms 30000]
var settings = LoadSettings.Parse(args);
var total = Stopwatch.StartNew();
Console.WriteLine(LoadReport.Header(settings));
await using var local = await DynamoDbLocal.StartAsync();
var points = new List<PointResult>();
foreach (var design in settings.Designs)
{
    foreach (var rate in settings.RatesOf(design))
    {
        var point = await ViralBurst.RunAsync(local, design, rate, settings, CancellationToken.None);
        points.Add(point);
        Console.WriteLine(
            $"  {design.Name,-16} {rate,5}/s: offered {point.Offered,6}, acked {point.Acknowledged,6} ({point.AcknowledgedPerSecond,5:N0}/s), " +
            $"throttles {point.Throttles,6}, conflicts {point.Conflicts,6} ({point.ConflictsPerSubmission:0.00}/submission), retries {point.Retries,6}, p50 {point.P50Ms,5:N0} ms, p99 {point.P99Ms,6:N0} ms, start lag p99 {point.StartLagP99Ms,4:N0} ms, x{point.TimeScale:0.#}, " +
            $"unknown {point.Unknown} (stored before the repeat {point.UnknownStoredBefore}), " +
            $"lost {point.Lost}, duplicated {point.Duplicated}, refused but stored {point.RefusedButStored}, repeats broken {point.RepeatsBroken}");
    }
}

Console.WriteLine();
Console.WriteLine(LoadReport.Summary(points));
Console.WriteLine(LoadReport.Saturation(points));
if (settings.Quick)
{
    Console.WriteLine(LoadReport.PerSecond(points[^1]));
}

LoadReport.Write(points, settings);
Console.WriteLine($"Chart: {CurveChart.Write(points, settings.ChartPath ?? Path.Combine(settings.ArtifactsPath, "viral-burst.svg"))}");
Console.WriteLine($"Results: {Path.Combine(settings.ArtifactsPath, LoadReport.ResultsFile)}; run took {total.Elapsed.TotalMinutes:F1} min.");

// Time is reported, never judged; what must hold is that no caller was told something the table contradicts, and
// that a caller who got no definite answer gets the submission, stored once, by repeating it.
var broken = points.Where(p => !p.Consistent).ToList();
foreach (var p in broken)
{
    Console.Error.WriteLine(
        $"FAILED: {p.Design} at {p.Rate}/s lost {p.Lost}, duplicated {p.Duplicated}, refused but stored {p.RefusedButStored}, repeats broken {p.RepeatsBroken}.");
}

return broken.Count == 0 ? 0 : 1;
