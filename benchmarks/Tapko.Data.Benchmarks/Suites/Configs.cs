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
    public static IConfig AccessPatterns(RunSettings settings)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.DontLogOutput)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(settings.WarmupCount)
            .WithIterationCount(settings.IterationCount)
            .WithId(settings.Quick ? "Quick" : "Local");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
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
        var job = (settings.Quick ? Job.Dry.WithIterationCount(3).WithWarmupCount(1).WithInvocationCount(256).WithUnrollFactor(16).WithStrategy(RunStrategy.Throughput) : Job.Default)
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
