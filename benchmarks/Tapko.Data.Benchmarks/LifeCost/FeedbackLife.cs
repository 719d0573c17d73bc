using System.Globalization;
using System.Text;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Sampling;
using Tapko.Data.Benchmarks.Suites;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// What one feedback costs over its life in each design, from the sampled calls' mean units (means, because a bill
/// is a sum over many calls): its submit, its status moves, its share of the page reads it appears in (a page's units
/// over the 50 feedback it returns), and its share of the per-status counts reads. Counts are not a call of any
/// design yet (issue 15 adds them); they are priced as what a dashboard has to do today, by the rules.
/// </summary>
public static class FeedbackLife
{
    /// <summary>The inputs, per design: mean units per call and the counts read's share per feedback.</summary>
    public sealed record Inputs(string Design, double Submit, double Move, double ListPage, double StatusPage, double CountsShare, int Calls);

    /// <summary>One design's life in one scenario, in units per feedback and money per million feedback.</summary>
    public sealed record Life(LifeScenario Scenario, string Design, double SubmitWrite, double MovesWrite, double ListRead, double StatusRead, double CountsRead, double Dollars)
    {
        public double Read => ListRead + StatusRead + CountsRead;

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
            var design = kind.ToString();
            var calls = samples.Where(s => s.Items == basis.Items && s.Design == design).ToList();
            double Mean(string pattern, Func<CallSample, double> units) => calls.Where(c => c.Pattern == pattern).Select(units).DefaultIfEmpty(double.NaN).Average();
            var bytesByStatus = items.GroupBy(i => i.Status).Select(g => g.Sum(i => (long)basis.FeedbackBytes(kind, i))).ToList();
            var counts = Capacity.CostModel.CountsRead(kind, bytesByStatus, basis.FeedbackTableBytes(kind));
            inputs.Add(new Inputs(
                design,
                Mean(nameof(AccessPatternBenchmarks.Submit), c => c.Measured.Write),
                Mean(nameof(AccessPatternBenchmarks.UpdateStatus), c => c.Measured.Write),
                Mean(nameof(AccessPatternBenchmarks.ListPage), c => c.Measured.Read),
                Mean(nameof(AccessPatternBenchmarks.StatusPage), c => c.Measured.Read),
                counts / items.Length,
                calls.Count));
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
                var moves = scenario.Moves * input.Move;
                lives.Add(new Life(scenario, input.Design, input.Submit, moves, list, status, counts, prices.PerMillion(list + status + counts, input.Submit + moves)));
            }
        }

        return lives;
    }

    public static string Table(IReadOnlyList<Inputs> inputs, IReadOnlyList<Life> lives, OnDemandPrices prices, int basisItems, int projectItems)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Inputs: mean units per call over every call sampled on the {basisItems:N0}-item datasets (all seeds); the counts read is that of a project of {projectItems:N0} feedback, by the rules, over its feedback.");
        text.AppendLine();
        text.AppendLine("| design | submit WCU | status move WCU | list page RCU | status page RCU | counts read RCU per feedback | calls |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var i in inputs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {i.Design} | {N(i.Submit)} | {N(i.Move)} | {N(i.ListPage)} | {N(i.StatusPage)} | {i.CountsShare:0.###} | {i.Calls} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Prices: ${prices.ReadPerMillion} per million read units, ${prices.WritePerMillion} per million write units ({prices.Source}; taken {prices.TakenOn}).");
        text.AppendLine();
        text.AppendLine("| life (moves, page reads) | design | submit WCU | moves WCU | list reads RCU | status reads RCU | counts RCU | total RCU | total WCU | $ per million feedback | vs GSI baseline |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var life in lives)
        {
            var gsi = lives.Single(l => l.Scenario == life.Scenario && l.Design == nameof(DesignKind.MultiTableGsi));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {life.Scenario.Name} ({life.Scenario.Moves}, {life.Scenario.PageReads}) | {life.Design} | {N(life.SubmitWrite)} | {N(life.MovesWrite)} | {N(life.ListRead)} | {N(life.StatusRead)} | {N(life.CountsRead)} | {N(life.Read)} | {N(life.Write)} | {Money(life.Dollars)} | {life.Dollars / gsi.Dollars:0.00}× |");
        }

        text.AppendLine();
        foreach (var moves in lives.Select(l => l.Scenario with { Name = string.Empty, PageReads = 0 }).Distinct())
        {
            var at = BreakEven(inputs, moves, prices);
            text.AppendLine(CultureInfo.InvariantCulture, $"- With {moves.Moves} status move(s), the single table's life costs less than the GSI baseline's from {(at is { } m ? $"{Math.Ceiling(m):N0} page reads per feedback" : "no number of page reads")} on ({moves.StatusShare:P0} of them status-filtered, {moves.CountsPerPage:0.#} counts read per page).");
        }

        return text.ToString();
    }

    /// <summary>
    /// The page reads per feedback from which the single table's life costs less than the GSI baseline's, for a life
    /// shaped like <paramref name="scenario"/>: both costs grow linearly with page reads, so it is where the lines cross.
    /// Null when the single table never catches up.
    /// </summary>
    public static double? BreakEven(IReadOnlyList<Inputs> inputs, LifeScenario scenario, OnDemandPrices prices)
    {
        var both = inputs.Where(i => i.Design is nameof(DesignKind.Tapko) or nameof(DesignKind.MultiTableGsi)).ToList();
        var at0 = Price(both, [scenario with { PageReads = 0 }], prices);
        var at1 = Price(both, [scenario with { PageReads = 1 }], prices);
        double Of(List<Life> lives, DesignKind d) => lives.Single(l => l.Design == d.ToString()).Dollars;
        var fixedGap = Of(at0, DesignKind.Tapko) - Of(at0, DesignKind.MultiTableGsi);
        var savedPerPage = (Of(at1, DesignKind.MultiTableGsi) - Of(at0, DesignKind.MultiTableGsi)) - (Of(at1, DesignKind.Tapko) - Of(at0, DesignKind.Tapko));
        return fixedGap <= 0 ? 0 : savedPerPage > 0 ? fixedGap / savedPerPage : null;
    }

    public static string Money(double dollars) => dollars.ToString(dollars >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);

    private static string N(double units) => units.ToString(units >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}
