using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Sampling;
using Tapko.Data.Benchmarks.Suites;
using R = Tapko.Data.Benchmarks.Capacity.CapacityRules;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// What one feedback costs over its life in each profile, from the sampled calls' mean units by DynamoDB's documented
/// rules (means, because a bill is a sum over many calls; the rules, because the bill is AWS's and the verifier has
/// checked DynamoDB Local against them call by call): its submit, its status moves, the projector's writes for its
/// change records, its share of the page reads it appears in (a page's units over the 50 feedback it returns), and its
/// share of the per-status counts reads. Each single-table profile is set against the GSI baseline with the same submit
/// guarantees, and every profile against the write floor: one plain write of the user's data, which any design pays.
/// </summary>
public static class FeedbackLife
{
    public const string Before = "before: Maintained + Full, transactional";
    public const string Defaults = "defaults: Streamed + Rows, transactional";
    public const string DefaultsWholeItems = "defaults, status pages of whole items";
    public const string Recommended = "recommended: Streamed + Rows + CachedCheck";
    public const string NoCounters = "no counters: None + Rows, transactional";
    public const string GsiTransactional = "GSI baseline, transactional submit";
    public const string GsiReadThenWrite = "GSI baseline, read-then-write submit";
    public const string ScanBaseline = "Scan baseline, transactional submit";

    /// <summary>The profiles in table order, each with the baseline that gives the same submit guarantees.</summary>
    public static readonly (string Profile, string Baseline)[] Profiles =
    [
        (Before, GsiTransactional),
        (Defaults, GsiTransactional),
        (DefaultsWholeItems, GsiTransactional),
        (Recommended, GsiReadThenWrite),
        (NoCounters, GsiTransactional),
        (GsiTransactional, GsiTransactional),
        (GsiReadThenWrite, GsiReadThenWrite),
        (ScanBaseline, GsiTransactional),
    ];

    /// <summary>
    /// The inputs of one profile: mean units per call, the counts read's share per feedback, and the projector's write
    /// units per change record (streamed counts only).
    /// </summary>
    public sealed record Inputs(
        string Design, double SubmitRead, double Submit, double MoveRead, double Move, double ListPage, double StatusPage, double CountsShare, double ProjectorPerRecord, int Calls)
    {
        public string Baseline => Profiles.Single(p => p.Profile == Design).Baseline;
    }

    /// <summary>One profile's life in one scenario, in units per feedback and money per million feedback.</summary>
    public sealed record Life(
        LifeScenario Scenario, string Design, double SubmitRead, double SubmitWrite, double MovesRead, double MovesWrite, double ProjectorWrite,
        double ListRead, double StatusRead, double CountsRead, double Dollars)
    {
        public double Read => SubmitRead + MovesRead + ListRead + StatusRead + CountsRead;

        public double Write => SubmitWrite + MovesWrite + ProjectorWrite;
    }

    /// <summary>The inputs and what they rest on.</summary>
    public sealed record Measurement(List<Inputs> Inputs, ProjectorBatching Batching, double WriteFloor, int BasisItems, int ProjectItems, double StreamedCountsRead);

    /// <summary>
    /// The inputs from the calls sampled on <paramref name="basis"/>-sized datasets. The counts share is the counts read
    /// of <paramref name="project"/> (the project the feedback lives in) over its number of feedback.
    /// </summary>
    public static Measurement Measure(IReadOnlyList<CallSample> samples, Dataset basis, int project, ProjectorBatching batching)
    {
        var items = basis.ByProject[project];
        var tapko = (TapkoDesign)basis.Design(DesignKind.Tapko);
        double Mean(DesignKind kind, string pattern, Func<Units, double> units) =>
            samples.Where(c => c.Items == basis.Items && c.Design == kind.ToString() && c.Pattern == pattern).Select(c => units(c.Expected)).DefaultIfEmpty(double.NaN).Average();
        int Calls(DesignKind kind) => samples.Count(s => s.Items == basis.Items && s.Design == kind.ToString());
        double CountsByQuery(DesignKind kind, Func<GeneratedFeedback, int> bytes) =>
            CostModel.CountsRead(kind, items.GroupBy(i => i.Status).Select(g => g.Sum(i => (long)bytes(i))).ToList(), basis.FeedbackTableBytes(kind)) / items.Length;

        const DesignKind T = DesignKind.Tapko;
        var list = Mean(T, nameof(AccessPatternBenchmarks.ListPage), u => u.Read);
        var rowsPage = Mean(T, TapkoPatterns.StatusRowsPage, u => u.Read);
        var streamedSubmit = Mean(T, TapkoPatterns.SubmitStreamed, u => u.Write);
        var streamedMove = Mean(T, TapkoPatterns.UpdateStatusStreamed, u => u.Write);

        // Streamed counts are one eventually consistent GetItem of the project's claim, which carries them.
        var claimBytes = ItemSize.Of(tapko.CompanionItems(basis.Projects[project]).Single());
        var streamedCounts = R.Read(claimBytes);
        var perRecord = batching.WritesPerRecord;

        // Without counters a dashboard counts with COUNT queries of the status index: they read every row entry.
        var rowsCounts = CountsByQuery(T, i => ItemSize.Of(RowsCostModel.RowEntry(tapko.FeedbackItem(i))));

        var inputs = new List<Inputs>
        {
            new(Before, Mean(T, nameof(AccessPatternBenchmarks.Submit), u => u.Read), Mean(T, nameof(AccessPatternBenchmarks.Submit), u => u.Write),
                Mean(T, nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Read), Mean(T, nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Write),
                list, Mean(T, nameof(AccessPatternBenchmarks.StatusPage), u => u.Read), Mean(T, TapkoPatterns.StatusCounts, u => u.Read) / items.Length, 0, Calls(T)),
            new(Defaults, 0, streamedSubmit, 0, streamedMove, list, rowsPage, streamedCounts / items.Length, perRecord, Calls(T)),
            new(DefaultsWholeItems, 0, streamedSubmit, 0, streamedMove, list, Mean(T, TapkoPatterns.StatusPageOnRows, u => u.Read), streamedCounts / items.Length, perRecord, Calls(T)),
            new(Recommended, 0, Mean(T, TapkoPatterns.SubmitCachedCheck, u => u.Write), 0, streamedMove, list, rowsPage, streamedCounts / items.Length, perRecord, Calls(T)),
            new(NoCounters, 0, streamedSubmit, 0, streamedMove, list, rowsPage, rowsCounts, 0, Calls(T)),
        };
        foreach (var (kind, name, submitPattern) in new[]
        {
            (DesignKind.MultiTableGsi, GsiTransactional, nameof(AccessPatternBenchmarks.Submit)),
            (DesignKind.MultiTableGsi, GsiReadThenWrite, TapkoPatterns.SubmitReadThenWrite),
            (DesignKind.MultiTableScan, ScanBaseline, nameof(AccessPatternBenchmarks.Submit)),
        })
        {
            inputs.Add(new(
                name, Mean(kind, submitPattern, u => u.Read), Mean(kind, submitPattern, u => u.Write), 0, Mean(kind, nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Write),
                Mean(kind, nameof(AccessPatternBenchmarks.ListPage), u => u.Read), Mean(kind, nameof(AccessPatternBenchmarks.StatusPage), u => u.Read),
                CountsByQuery(kind, i => basis.FeedbackBytes(kind, i)), 0, Calls(kind)));
        }

        var floor = basis.ByProject.SelectMany(p => p).Average(i => R.Write(basis.NeutralBytes(i)));
        return new Measurement(inputs, batching, floor, basis.Items, items.Length, streamedCounts);
    }

    public static List<Life> Price(IEnumerable<Inputs> inputs, IEnumerable<LifeScenario> scenarios, OnDemandPrices prices)
    {
        var lives = new List<Life>();
        foreach (var scenario in scenarios)
        {
            foreach (var input in inputs)
            {
                var list = scenario.PageReads * (1 - scenario.StatusShare) * input.ListPage / Workload.PageSize;
                var status = scenario.PageReads * scenario.StatusShare * input.StatusPage / Workload.PageSize;
                var counts = scenario.PageReads * scenario.CountsPerPage * input.CountsShare;
                var movesRead = scenario.Moves * input.MoveRead;
                var moves = scenario.Moves * input.Move;

                // The projector sees the submit's record and one per move.
                var projector = (1 + scenario.Moves) * input.ProjectorPerRecord;
                var read = input.SubmitRead + movesRead + list + status + counts;
                lives.Add(new Life(scenario, input.Design, input.SubmitRead, input.Submit, movesRead, moves, projector, list, status, counts,
                    prices.PerMillion(read, input.Submit + moves + projector)));
            }
        }

        return lives;
    }

    public static string Table(Measurement measured, IReadOnlyList<Life> lives, OnDemandPrices prices)
    {
        var inputs = measured.Inputs;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Inputs: mean units per call by DynamoDB's rules over every call sampled on the {measured.BasisItems:N0}-item datasets (all seeds). Counts read per feedback: that of a project of {measured.ProjectItems:N0} feedback over its feedback (streamed: one GetItem of its claim, {measured.StreamedCountsRead:0.##} RCU by the rules; Maintained: one read of the project item; no counters and the baselines: every feedback or row entry read once). Projector: {measured.Batching.Describe()}.");
        text.AppendLine();
        text.AppendLine("| profile | submit RCU | submit WCU | status move RCU | status move WCU | list page RCU | status page RCU | counts RCU per feedback | projector WCU per record | calls |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var i in inputs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {i.Design} | {N(i.SubmitRead)} | {N(i.Submit)} | {N(i.MoveRead)} | {N(i.Move)} | {N(i.ListPage)} | {N(i.StatusPage)} | {i.CountsShare:0.####} | {i.ProjectorPerRecord:0.###} | {i.Calls} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Prices: ${prices.ReadPerMillion} per million read units, ${prices.WritePerMillion} per million write units ({prices.Source}; taken {prices.TakenOn}). Write floor: one plain PutItem of the user's data alone, no index, {measured.WriteFloor:0.00} WCU on average (${prices.PerMillion(0, measured.WriteFloor):0.00} per million feedback).");
        text.AppendLine();
        text.AppendLine("| life (moves, page reads) | profile | submit + moves RCU | submit WCU | moves WCU | projector WCU | list RCU | status RCU | counts RCU | total RCU | total WCU | WCU ÷ write floor | $ per million feedback | vs same-guarantee baseline | RCU vs baseline |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var life in lives)
        {
            var baseline = lives.Single(l => l.Scenario == life.Scenario && l.Design == inputs.Single(i => i.Design == life.Design).Baseline);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {life.Scenario.Name} ({life.Scenario.Moves}, {life.Scenario.PageReads}) | {life.Design} | {N(life.SubmitRead + life.MovesRead)} | {N(life.SubmitWrite)} | {N(life.MovesWrite)} | {N(life.ProjectorWrite)} | {N(life.ListRead)} | {N(life.StatusRead)} | {N(life.CountsRead)} | {N(life.Read)} | {N(life.Write)} | {life.Write / measured.WriteFloor:0.00}× | {Money(life.Dollars)} | {life.Dollars / baseline.Dollars:0.00}× | {life.Read / baseline.Read:0.00}× |");
        }

        text.AppendLine();
        text.AppendLine("Projector batching, typical life (2 moves, 20 page reads): the projector's write units per change record and what they do to the streamed profiles.");
        text.AppendLine();
        text.AppendLine("| batching | projector WCU per record | defaults $ | defaults vs GSI transactional | recommended $ | recommended vs GSI read-then-write |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var typical = LifeScenario.Defaults.Single(s => s.Name == "typical");
        foreach (var batching in ProjectorBatching.Sensitivity)
        {
            var repriced = Price(inputs.Select(i => i.ProjectorPerRecord > 0 ? i with { ProjectorPerRecord = batching.WritesPerRecord } : i), [typical], prices);
            double Of(string design) => repriced.Single(l => l.Design == design).Dollars;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {batching.Describe()} | {batching.WritesPerRecord:0.###} | {Money(Of(Defaults))} | {Of(Defaults) / Of(GsiTransactional):0.00}× | {Money(Of(Recommended))} | {Of(Recommended) / Of(GsiReadThenWrite):0.00}× |");
        }

        text.AppendLine();
        foreach (var moves in lives.Select(l => l.Scenario with { Name = string.Empty, PageReads = 0 }).Distinct())
        {
            foreach (var design in new[] { Before, Defaults, Recommended })
            {
                var at = BreakEven(inputs, moves, prices, design);
                var baseline = inputs.Single(i => i.Design == design).Baseline;
                text.AppendLine(CultureInfo.InvariantCulture, $"- {design}, with {moves.Moves} status move(s): its life costs less than the {baseline}'s {(at is 0 ? "at any number of page reads" : at is { } m ? $"from {Math.Ceiling(m):N0} page reads per feedback on" : "at no number of page reads")}.");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The page reads per feedback from which <paramref name="design"/>'s life costs less than its same-guarantee
    /// baseline's, for a life shaped like <paramref name="scenario"/>: both grow linearly with page reads, so it is
    /// where the lines cross. Null when the design never catches up.
    /// </summary>
    public static double? BreakEven(IReadOnlyList<Inputs> inputs, LifeScenario scenario, OnDemandPrices prices, string design)
    {
        var baseline = inputs.Single(i => i.Design == design).Baseline;
        var both = inputs.Where(i => i.Design == design || i.Design == baseline).ToList();
        var at0 = Price(both, [scenario with { PageReads = 0 }], prices);
        var at1 = Price(both, [scenario with { PageReads = 1 }], prices);
        double Of(List<Life> lives, string d) => lives.Single(l => l.Design == d).Dollars;
        var fixedGap = Of(at0, design) - Of(at0, baseline);
        var savedPerPage = (Of(at1, baseline) - Of(at0, baseline)) - (Of(at1, design) - Of(at0, design));
        return fixedGap <= 0 ? 0 : savedPerPage > 0 ? fixedGap / savedPerPage : null;
    }

    public static string Money(double dollars) => dollars.ToString(dollars >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);

    private static string N(double units) => units.ToString(units >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}
