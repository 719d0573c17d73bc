using Tapko.Data.Benchmarks.LifeCost;

namespace Tapko.Data.Benchmarks;

/// <summary>The few options the runner takes; anything else is refused, so a typo does not start a 20-minute run.</summary>
public sealed record RunOptions(RunSettings Settings, IReadOnlySet<string> Suites, string? ChartPath, bool VerifyOnly, bool RedrawOnly = false)
{
    /// <summary>The prices the life-cost tables convert units with; <c>--prices READ,WRITE,DATE</c> replaces them.</summary>
    public OnDemandPrices Prices { get; init; } = OnDemandPrices.UsEast1;

    /// <summary>Where the life-cost chart goes: beside the read-units chart when one is named, else into the artifacts.</summary>
    public string LifeChartPath => Path.Combine(Path.GetDirectoryName(ChartPath) is { Length: > 0 } dir ? dir : Settings.ArtifactsPath, ChartPath is null ? "life-cost.svg" : "benchmarks-life-cost.svg");

    public static RunOptions Parse(string[] args)
    {
        var quick = false;
        var verify = false;
        var redraw = false;
        string? artifacts = null, chart = null;
        int[]? sizes = null;
        OnDemandPrices? prices = null;
        var suites = new HashSet<string>(["overhead", "patterns"], StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--full": quick = false; break;
                case "--verify":
                    verify = true;
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        artifacts = args[++i];
                    }

                    break;
                case "--redraw":
                    redraw = true;
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        artifacts = args[++i];
                    }

                    break;
                case "--artifacts": artifacts = Value(args, ref i); break;
                case "--chart": chart = Value(args, ref i); break;
                case "--prices": prices = OnDemandPrices.Parse(Value(args, ref i)); break;
                case "--sizes": sizes = [.. Value(args, ref i).Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--suite":
                    var suite = Value(args, ref i);
                    suites = suite == "all" ? suites : suite is "patterns" or "overhead" ? [suite] : throw Usage($"unknown suite '{suite}'");
                    break;
                default: throw Usage($"unknown argument '{args[i]}'");
            }
        }

        artifacts ??= Path.Combine("artifacts", quick ? "benchmarks-quick" : "benchmarks");
        var settings = quick ? RunSettings.QuickRun(artifacts) : RunSettings.Full(artifacts);
        return new RunOptions(sizes is null ? settings : settings with { Sizes = sizes }, suites, chart, verify, redraw) { Prices = prices ?? OnDemandPrices.UsEast1 };
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw Usage($"{args[i]} needs a value");

    private static ArgumentException Usage(string problem) => new(
        $"{problem}. Usage: [--quick|--full] [--suite all|patterns|overhead] [--sizes 1000,10000] [--artifacts DIR] [--chart FILE.svg] [--prices READ,WRITE,DATE] [--verify [DIR]] [--redraw [DIR]]");
}
