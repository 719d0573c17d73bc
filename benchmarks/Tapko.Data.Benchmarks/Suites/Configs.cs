using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Tapko.Data.Benchmarks.Columns;

namespace Tapko.Data.Benchmarks.Suites;

/// <summary>
/// Both suites run in this process (the in-process emit toolchain). The DynamoDB suite must: its cases share one
/// DynamoDB Local and datasets that take minutes to seed, and its capacity columns read what the cases recorded here.
/// The client-overhead suite runs first, before the datasets fill the heap, so a large heap does not tax its timings.
/// </summary>
public static class Configs
{
    /// <param name="singleCall">
    /// For the cases where one call reads a whole large table: one cold call, no warm-up and no separate allocation
    /// pass, because each call takes minutes on DynamoDB Local. Their capacity is deterministic, one call tells it all.
    /// </param>
    public static IConfig AccessPatterns(RunSettings settings, bool singleCall = false)
    {
        // No forced GC between iterations: the datasets keep a large heap alive and a full collection per
        // iteration would cost more than the calls measured; allocations are counted by the memory diagnoser anyway.
        var job = singleCall
            ? Job.Default.WithStrategy(RunStrategy.ColdStart).WithWarmupCount(0).WithIterationCount(1).WithId("OneCall")
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(settings.WarmupCount).WithIterationCount(settings.IterationCount).WithId(settings.Quick ? "Quick" : "Local");
        job = job.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithLaunchCount(1).WithGcForce(false);

        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default);
        if (!singleCall)
        {
            config.AddDiagnoser(MemoryDiagnoser.Default);
        }

        return config
            .AddColumnProvider(DefaultColumnProviders.Descriptor, DefaultColumnProviders.Params, DefaultColumnProviders.Metrics)
            .AddColumn(new LocalLatencyColumn())
            .AddColumn(CapacityColumn.All)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .WithOrderer(new PatternOrderer())
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20))
            .WithArtifactsPath(settings.ArtifactsPath)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }

    public static IConfig ClientOverhead(RunSettings settings)
    {
        var job = (settings.Quick ? Job.Dry.WithIterationCount(3).WithWarmupCount(1).WithInvocationCount(64).WithUnrollFactor(16).WithStrategy(RunStrategy.Throughput) : Job.Default)
            .WithToolchain(InProcessEmitToolchain.DontLogOutput)
            .WithId(settings.Quick ? "Quick" : "Stub");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Descriptor, DefaultColumnProviders.Statistics, DefaultColumnProviders.Metrics)
            .AddColumn(CategoriesColumn.Default)
            .AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .WithArtifactsPath(settings.ArtifactsPath)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
