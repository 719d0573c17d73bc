using System.Globalization;

namespace Tapko.Data.LoadTest;

/// <summary>What one invocation runs; anything unknown on the command line is refused.</summary>
/// <param name="Quick">The smoke run of ./test.sh: two rates, two seconds each.</param>
/// <param name="Designs">The store designs to run, each over every rate.</param>
/// <param name="Rates">Offered submissions per model second.</param>
/// <param name="Seconds">How long each rate is offered, in model seconds.</param>
/// <param name="TimeScale">
/// Real seconds per model second (see <c>LimitsModelOptions.TimeScale</c>); <see langword="null"/> for
/// <see cref="ScaleFor"/>'s choice per rate.
/// </param>
/// <param name="Submitters">Submissions in flight at most; a due submission waits for a free submitter (and its latency counts the wait).</param>
/// <param name="TransactionLatency">The model's transaction latency, in model time.</param>
/// <param name="Arrivals">How submissions are spread over the burst.</param>
/// <param name="ArtifactsPath">Where the results and the chart go.</param>
/// <param name="ChartPath">Where the SVG goes; beside the results by default.</param>
public sealed record LoadSettings(
    bool Quick,
    IReadOnlyList<StoreDesign> Designs,
    IReadOnlyList<int> Rates,
    double Seconds,
    double? TimeScale,
    int Submitters,
    TimeSpan TransactionLatency,
    Arrivals Arrivals,
    string ArtifactsPath,
    string? ChartPath)
{
    /// <summary>
    /// The time scale of a rate: as given, or slow enough that this 2-core machine generates the offer, runs the SDK
    /// and serves DynamoDB Local without falling behind (about 100 offered submissions per real second, at least 4).
    /// </summary>
    public double ScaleFor(int rate) => TimeScale ?? Math.Max(4, rate / 100.0);

    public static LoadSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            ? new LoadSettings(true, [StoreDesign.Transactional], [50, 400], 2, 2, 512, TimeSpan.FromMilliseconds(10), Arrivals.Poisson, Path.Combine("artifacts", "load-quick"), null)
            : new LoadSettings(false, StoreDesign.All, [25, 50, 100, 200, 400, 800, 1600], 4, null, 2_048, TimeSpan.FromMilliseconds(10), Arrivals.Poisson, Path.Combine("artifacts", "load"), null);
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--quick" => settings,
                "--designs" => settings with { Designs = [.. Value(args, ref i).Split(',').Select(StoreDesign.Named)] },
                "--rates" => settings with { Rates = [.. Value(args, ref i).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--seconds" => settings with { Seconds = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--time-scale" => settings with { TimeScale = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--submitters" => settings with { Submitters = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--transaction-latency-ms" => settings with { TransactionLatency = TimeSpan.FromMilliseconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture)) },
                "--arrivals" => settings with { Arrivals = Enum.Parse<Arrivals>(Value(args, ref i), ignoreCase: true) },
                "--artifacts" => settings with { ArtifactsPath = Value(args, ref i) },
                "--chart" => settings with { ChartPath = Value(args, ref i) },
                _ => throw Usage($"unknown argument '{args[i]}'"),
            };
        }

        return settings;
    }

    private static string Value(string[] args, ref int i) => i + 1 < args.Length ? args[++i] : throw Usage($"{args[i]} needs a value");

    private static ArgumentException Usage(string problem) => new(
        $"{problem}. Usage: [--quick] [--designs {string.Join(',', StoreDesign.All.Select(d => d.Name))}] [--rates 50,100] [--seconds 5] " +
        "[--time-scale 4] [--submitters 2048] [--transaction-latency-ms 10] [--arrivals poisson|even] [--artifacts DIR] [--chart FILE.svg]");
}
