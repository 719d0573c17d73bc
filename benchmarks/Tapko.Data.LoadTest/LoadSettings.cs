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
/// <param name="DesignRates">Rates of one design in place of <paramref name="Rates"/> (<c>--rates-of sharded-16=1000,4000</c>).</param>
/// <param name="RequestTimeout">
/// How long the client waits for an answer, real time (<c>--request-timeout-ms</c>); the model's client default (30 s)
/// when <see langword="null"/>. A short one makes calls end without a definite answer, as on an overloaded service.
/// </param>
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
    string? ChartPath,
    IReadOnlyDictionary<string, IReadOnlyList<int>>? DesignRates = null,
    TimeSpan? RequestTimeout = null)
{
    /// <summary>The rates <paramref name="design"/> is run at.</summary>
    public IReadOnlyList<int> RatesOf(StoreDesign design) => DesignRates?.GetValueOrDefault(design.Name) ?? Rates;

    /// <summary>
    /// The time scale of a rate: as given, or slow enough that this 2-core machine generates the offer, runs the SDK
    /// and serves DynamoDB Local without falling behind (about 100 offered submissions per real second, at least 4).
    /// </summary>
    public double ScaleFor(int rate) => TimeScale ?? Math.Max(4, rate / 100.0);

    public static LoadSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            // One sharded design at one rate: proves the sharded path end to end (0 lost, 0 duplicated) in a few seconds.
            ? new LoadSettings(true, [StoreDesign.Transactional, StoreDesign.Sharded(16)], [50, 400], 2, 2, 512, TimeSpan.FromMilliseconds(10), Arrivals.Poisson, Path.Combine("artifacts", "load-quick"), null, new Dictionary<string, IReadOnlyList<int>> { ["sharded-16"] = [400] })
            : new LoadSettings(false, [StoreDesign.Transactional, StoreDesign.ReadThenWrite], [25, 50, 100, 200, 400, 800, 1600], 4, null, 2_048, TimeSpan.FromMilliseconds(10), Arrivals.Poisson, Path.Combine("artifacts", "load"), null);
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
                "--rates-of" => settings with { DesignRates = WithRates(settings.DesignRates, Value(args, ref i)) },
                "--request-timeout-ms" => settings with { RequestTimeout = TimeSpan.FromMilliseconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture)) },
                _ => throw Usage($"unknown argument '{args[i]}'"),
            };
        }

        return settings;
    }

    private static Dictionary<string, IReadOnlyList<int>> WithRates(IReadOnlyDictionary<string, IReadOnlyList<int>>? known, string value)
    {
        var parts = value.Split('=', 2);
        var design = StoreDesign.Named(parts[0]).Name;
        var rates = parts.Length == 2 ? parts[1] : throw Usage($"--rates-of needs DESIGN=RATE,RATE, not '{value}'");
        return new Dictionary<string, IReadOnlyList<int>>(known ?? new Dictionary<string, IReadOnlyList<int>>())
        {
            [design] = [.. rates.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
        };
    }

    private static string Value(string[] args, ref int i) => i + 1 < args.Length ? args[++i] : throw Usage($"{args[i]} needs a value");

    private static ArgumentException Usage(string problem) => new(
        $"{problem}. Usage: [--quick] [--designs {string.Join(',', StoreDesign.All.Select(d => d.Name))}] [--rates 50,100] [--seconds 5] " +
        "[--rates-of sharded-16=1000,4000] [--time-scale 4] [--submitters 2048] [--transaction-latency-ms 10] [--arrivals poisson|even] [--request-timeout-ms 30000] [--artifacts DIR] [--chart FILE.svg]");
}
