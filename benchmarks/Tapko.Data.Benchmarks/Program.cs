using System.Diagnostics;
using BenchmarkDotNet.Running;
using Tapko.Data.Benchmarks;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.LifeCost;
using Tapko.Data.Benchmarks.Report;
using Tapko.Data.Benchmarks.Sampling;
using Tapko.Data.Benchmarks.Suites;
using Tapko.Data.Testing;

// dotnet run -c Release --project benchmarks/Tapko.Data.Benchmarks -- [--quick] [--suite all|patterns|overhead]
//     [--artifacts DIR] [--chart FILE] [--prices READ,WRITE,DATE] [--verify [DIR]] [--redraw [DIR]]
var options = RunOptions.Parse(args);
if (options.VerifyOnly)
{
    return Verifier.Run(options.Settings.ArtifactsPath, options.Suites);
}

if (options.RedrawOnly)
{
    Console.WriteLine($"Chart: {RcuChart.Redraw(options.Settings.ArtifactsPath, options.ChartPath ?? Path.Combine(options.Settings.ArtifactsPath, "rcu-by-table-size.svg"))}");
    return 0;
}

var total = Stopwatch.StartNew();
RunSettings.Current = options.Settings;
Console.WriteLine($"Tapko.Data benchmarks, {(options.Settings.Quick ? "quick" : "full")} run: sizes {string.Join(", ", options.Settings.Sizes.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}; artifacts in {Path.GetFullPath(options.Settings.ArtifactsPath)}");

if (options.Suites.Contains("overhead"))
{
    BenchmarkRunner.Run<ClientOverheadBenchmarks>(Configs.ClientOverhead(options.Settings));
}

if (options.Suites.Contains("patterns"))
{
    await using var local = await DynamoDbLocal.StartAsync();
    using var listener = new CapacityListener();
    CaseLedger.Attach(listener);

    foreach (var size in options.Settings.Sizes)
    {
        Console.WriteLine($"Seeding {size:N0} feedback items across {DatasetGenerator.ProjectCount} projects into each design ...");
        var dataset = await Dataset.CreateAsync(local.Client, size);
        Datasets.Add(dataset);
        Console.WriteLine($"  seeded in {string.Join(", ", dataset.SeedTimes.Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s"))}");
    }

    var sizes = ItemSizeReport.Write(Datasets.All, options.Settings.ArtifactsPath);
    Console.WriteLine(sizes);
    Console.WriteLine("DynamoDB Local against the documented rules where it is known to go wrong:");
    Console.WriteLine(await InstrumentCheck.RunAsync(local.Client, options.Settings.ArtifactsPath));

    var sampling = Stopwatch.StartNew();
    var sampler = new CapacitySampler(listener, options.Settings.SampleCalls);
    var samples = new List<CallSample>();
    foreach (var dataset in Datasets.All.OrderBy(d => d.Items))
    {
        samples.AddRange(await sampler.SampleAsync(dataset));
    }

    foreach (var seed in options.Settings.SampleSeeds)
    {
        foreach (var size in options.Settings.Sizes.Where(s => s <= options.Settings.SampleSeedMaxItems))
        {
            Console.WriteLine($"Seeding {size:N0} feedback items with generator seed {seed} into each design, for the capacity spread ...");
            var extra = await Dataset.CreateAsync(local.Client, size, seed);
            samples.AddRange(await sampler.SampleAsync(extra));
            await extra.DropAsync();
        }
    }

    SamplesFile.Write(samples, options.Settings.ArtifactsPath);
    Console.WriteLine(SpreadReport.Write(samples, options.Settings.ArtifactsPath));
    Console.WriteLine($"Capacity sampling: {samples.Count} calls in {sampling.Elapsed.TotalMinutes:F1} min.");

    // A feedback of one of the two large customers, priced on the 10k-item datasets (the largest sampled with every seed).
    var basis = Datasets.All.Where(d => d.Items <= 10_000).MaxBy(d => d.Items) ?? Datasets.All.First();
    var measured = FeedbackLife.Measure(samples, basis, project: 0, ProjectorBatching.Assumed);
    var lives = FeedbackLife.Price(measured.Inputs, LifeScenario.Defaults, options.Prices);
    var lifeTable = FeedbackLife.Table(measured, lives, options.Prices) + Environment.NewLine + RetentionCost.Table(basis, ProjectorBatching.Assumed, options.Prices);
    File.WriteAllText(Path.Combine(options.Settings.ArtifactsPath, "life-cost.md"), lifeTable);
    Console.WriteLine(lifeTable);
    Console.WriteLine($"Life-cost chart: {LifeCostChart.Write(lives, options.Prices, options.LifeChartPath)}");

    BenchmarkRunner.Run(AccessPatternBenchmarks.Runs(options.Settings));

    ResultsFile.Write(CaseLedger.Results.Values, options.Settings.ArtifactsPath);
    var chart = RcuChart.Write(CaseLedger.Results.Values, options.ChartPath ?? Path.Combine(options.Settings.ArtifactsPath, "rcu-by-table-size.svg"));
    Console.WriteLine($"Chart: {chart}");
}

Console.WriteLine($"Benchmark run finished in {total.Elapsed.TotalMinutes:F1} min.");
return Verifier.Run(options.Settings.ArtifactsPath, options.Suites);
