using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Sampling;
using Tapko.Data.Benchmarks.Suites;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// What one feedback costs over its life in each design, from the sampled calls' mean units by DynamoDB's documented
/// rules (means, because a bill is a sum over many calls; the rules, because the bill is AWS's and the verifier has
/// checked DynamoDB Local against them call by call, apart from its known transaction defect): its submit, its status
/// moves, its share of the page reads it appears in (a page's units over the 50 feedback it returns), and its share of
/// the per-status counts reads. The single table is priced three times: as configured by default (status counters
/// kept, so counts are one read and moves are transactions), with <c>StatusCounts = None</c> (a dashboard counts as
/// the baselines do, by reading every feedback), and with that and read-then-write submits.
/// </summary>
public static class FeedbackLife
{
    /// <summary>The single table without status counters, as a design name in the tables.</summary>
    public const string TapkoWithoutCounters = "Tapko, no counters";

    /// <summary>The single table without status counters, submitting read-then-write, as a design name in the tables.</summary>
    public const string TapkoReadThenWrite = "Tapko, no counters, read-then-write";

    /// <summary>The inputs, per design: mean units per call and the counts read's share per feedback.</summary>
    public sealed record Inputs(string Design, double SubmitRead, double Submit, double MoveRead, double Move, double ListPage, double StatusPage, double CountsShare, int Calls);

    /// <summary>One design's life in one scenario, in units per feedback and money per million feedback.</summary>
    public sealed record Life(LifeScenario Scenario, string Design, double SubmitRead, double SubmitWrite, double MovesRead, double MovesWrite, double ListRead, double StatusRead, double CountsRead, double Dollars)
    {
        public double Read => SubmitRead + MovesRead + ListRead + StatusRead + CountsRead;

        public double Write => SubmitWrite + MovesWrite;
    }

    /// <summary>
    /// The inputs from the calls sampled on <paramref name="basis"/>-sized datasets. The counts share is the counts read
    /// of <paramref name="project"/> (the project the feedback lives in) over its number of feedback.
    /// </summary>
    public static List<Inputs> Measure(IReadOnlyList<CallSample> samples, Dataset basis, int project)
    {
        var inputs = new List<Inputs>();
        var items = basis.ByProject[project];
        foreach (var kind in Enum.GetValues<DesignKind>())
        {
            var calls = samples.Where(s => s.Items == basis.Items && s.Design == kind.ToString()).ToList();
            double Mean(string pattern, Func<Units, double> units) => calls.Where(c => c.Pattern == pattern).Select(c => units(c.Expected)).DefaultIfEmpty(double.NaN).Average();
            var bytesByStatus = items.GroupBy(i => i.Status).Select(g => g.Sum(i => (long)basis.FeedbackBytes(kind, i))).ToList();
            var countsByQuery = CostModel.CountsRead(kind, bytesByStatus, basis.FeedbackTableBytes(kind)) / items.Length;
            var list = Mean(nameof(AccessPatternBenchmarks.ListPage), u => u.Read);
            var status = Mean(nameof(AccessPatternBenchmarks.StatusPage), u => u.Read);
            if (kind != DesignKind.Tapko)
            {
                inputs.Add(new Inputs(kind.ToString(), 0, Mean(nameof(AccessPatternBenchmarks.Submit), u => u.Write), 0, Mean(nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Write), list, status, countsByQuery, calls.Count));
                continue;
            }

            inputs.Add(new Inputs(
                kind.ToString(),
                Mean(nameof(AccessPatternBenchmarks.Submit), u => u.Read),
                Mean(nameof(AccessPatternBenchmarks.Submit), u => u.Write),
                Mean(nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Read),
                Mean(nameof(AccessPatternBenchmarks.UpdateStatus), u => u.Write),
                list,
                status,
                Mean(TapkoPatterns.StatusCounts, u => u.Read) / items.Length,
                calls.Count));
            foreach (var (name, submit) in new[] { (TapkoWithoutCounters, TapkoPatterns.SubmitUncounted), (TapkoReadThenWrite, TapkoPatterns.SubmitReadThenWrite) })
            {
                inputs.Add(new Inputs(
                    name,
                    Mean(submit, u => u.Read),
                    Mean(submit, u => u.Write),
                    Mean(TapkoPatterns.UpdateStatusUncounted, u => u.Read),
                    Mean(TapkoPatterns.UpdateStatusUncounted, u => u.Write),
                    list,
                    status,
                    countsByQuery,
                    calls.Count));
            }
        }

        return inputs;
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
                var read = input.SubmitRead + movesRead + list + status + counts;
                lives.Add(new Life(scenario, input.Design, input.SubmitRead, input.Submit, movesRead, moves, list, status, counts, prices.PerMillion(read, input.Submit + moves)));
            }
        }

        return lives;
    }

    public static string Table(IReadOnlyList<Inputs> inputs, IReadOnlyList<Life> lives, OnDemandPrices prices, int basisItems, int projectItems)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Inputs: mean units per call by DynamoDB's rules over every call sampled on the {basisItems:N0}-item datasets (all seeds); the counts read is that of a project of {projectItems:N0} feedback (the single table's counters: one read; otherwise every feedback read), over its feedback.");
        text.AppendLine();
        text.AppendLine("| design | submit RCU | submit WCU | status move RCU | status move WCU | list page RCU | status page RCU | counts read RCU per feedback | calls |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var i in inputs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {i.Design} | {N(i.SubmitRead)} | {N(i.Submit)} | {N(i.MoveRead)} | {N(i.Move)} | {N(i.ListPage)} | {N(i.StatusPage)} | {i.CountsShare:0.####} | {i.Calls} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Prices: ${prices.ReadPerMillion} per million read units, ${prices.WritePerMillion} per million write units ({prices.Source}; taken {prices.TakenOn}).");
        text.AppendLine();
        text.AppendLine("| life (moves, page reads) | design | submit + moves RCU | submit WCU | moves WCU | list reads RCU | status reads RCU | counts RCU | total RCU | total WCU | $ per million feedback | vs GSI baseline |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var life in lives)
        {
            var gsi = lives.Single(l => l.Scenario == life.Scenario && l.Design == nameof(DesignKind.MultiTableGsi));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {life.Scenario.Name} ({life.Scenario.Moves}, {life.Scenario.PageReads}) | {life.Design} | {N(life.SubmitRead + life.MovesRead)} | {N(life.SubmitWrite)} | {N(life.MovesWrite)} | {N(life.ListRead)} | {N(life.StatusRead)} | {N(life.CountsRead)} | {N(life.Read)} | {N(life.Write)} | {Money(life.Dollars)} | {life.Dollars / gsi.Dollars:0.00}× |");
        }

        text.AppendLine();
        foreach (var moves in lives.Select(l => l.Scenario with { Name = string.Empty, PageReads = 0 }).Distinct())
        {
            foreach (var design in new[] { nameof(DesignKind.Tapko), TapkoWithoutCounters, TapkoReadThenWrite })
            {
                var at = BreakEven(inputs, moves, prices, design);
                text.AppendLine(CultureInfo.InvariantCulture, $"- {design}, with {moves.Moves} status move(s): its life costs less than the GSI baseline's {(at is 0 ? "at any number of page reads" : at is { } m ? $"from {Math.Ceiling(m):N0} page reads per feedback on" : "at no number of page reads")} ({moves.StatusShare:P0} of them status-filtered, {moves.CountsPerPage:0.#} counts read per page).");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The page reads per feedback from which the single table's life costs less than the GSI baseline's, for a life
    /// shaped like <paramref name="scenario"/>: both costs grow linearly with page reads, so it is where the lines cross.
    /// Null when the single table never catches up.
    /// </summary>
    public static double? BreakEven(IReadOnlyList<Inputs> inputs, LifeScenario scenario, OnDemandPrices prices, string design = nameof(DesignKind.Tapko))
    {
        var both = inputs.Where(i => i.Design == design || i.Design == nameof(DesignKind.MultiTableGsi)).ToList();
        var at0 = Price(both, [scenario with { PageReads = 0 }], prices);
        var at1 = Price(both, [scenario with { PageReads = 1 }], prices);
        double Of(List<Life> lives, string d) => lives.Single(l => l.Design == d).Dollars;
        const string Gsi = nameof(DesignKind.MultiTableGsi);
        var fixedGap = Of(at0, design) - Of(at0, Gsi);
        var savedPerPage = (Of(at1, Gsi) - Of(at0, Gsi)) - (Of(at1, design) - Of(at0, design));
        return fixedGap <= 0 ? 0 : savedPerPage > 0 ? fixedGap / savedPerPage : null;
    }

    public static string Money(double dollars) => dollars.ToString(dollars >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);

    private static string N(double units) => units.ToString(units >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}
