using System.Globalization;
using Tapko.Data.Benchmarks.Report;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// Money per million feedback over a life, one panel per scenario, the single table's profiles against the GSI baselines, each
/// bar split into what the feedback pays for: writes (submit, status moves, the projector's) and reads (list pages, status pages,
/// counts). The Scan baseline is left out: its reads are hundreds of times the others' and would flatten the bars;
/// its figures are in the table.
/// </summary>
public static class LifeCostChart
{
    private const int PanelWidth = 330;
    private const int Top = 76;
    private const int PlotHeight = 220;
    private const int Left = 64;
    private const int BarWidth = 46;

    private static readonly (string Label, string Colour, Func<FeedbackLife.Life, OnDemandPrices, double> Dollars)[] Segments =
    [
        ("submit", "#762a83", (l, p) => p.PerMillion(l.SubmitRead, l.SubmitWrite)),
        ("status moves", "#c2a5cf", (l, p) => p.PerMillion(l.MovesRead, l.MovesWrite)),
        ("projector (counts)", "#e7d4e8", (l, p) => p.PerMillion(0, l.ProjectorWrite)),
        ("list pages (reads)", "#1b7837", (l, p) => p.PerMillion(l.ListRead, 0)),
        ("status pages (reads)", "#7fbf7b", (l, p) => p.PerMillion(l.StatusRead, 0)),
        ("counts (reads)", "#d9f0d3", (l, p) => p.PerMillion(l.CountsRead, 0)),
    ];

    /// <summary>The single table before streamed counts, with today's defaults and recommended, next to both GSI baselines.</summary>
    private static readonly (string Design, string Label)[] Bars =
    [
        (FeedbackLife.Before, "before"),
        (FeedbackLife.Defaults, "defaults"),
        (FeedbackLife.GsiTransactional, "GSI tx"),
        (FeedbackLife.Recommended, "recomm."),
        (FeedbackLife.GsiReadThenWrite, "GSI r-t-w"),
    ];

    private const int BarGap = 8;

    public static string Write(IReadOnlyList<FeedbackLife.Life> lives, OnDemandPrices prices, string path)
    {
        var scenarios = lives.Select(l => l.Scenario).Distinct().ToList();
        var width = Math.Max(PanelWidth * scenarios.Count, 760);
        var height = Top + PlotHeight + 100;
        var svg = Svg.Start(width, height, "What one feedback's life costs: $ per million feedback");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="10" y="38">{Svg.Escape($"DynamoDB on-demand at ${prices.ReadPerMillion} per million reads and ${prices.WritePerMillion} per million writes (prices of {prices.TakenOn}); units by DynamoDB's rules, checked call by call against DynamoDB Local")}</text>""");
        for (var s = 0; s < scenarios.Count; s++)
        {
            var scenario = scenarios[s];
            var x0 = (s * PanelWidth) + Left;
            var bars = Bars.Select(b => (b.Label, Life: lives.Single(l => l.Scenario == scenario && l.Design == b.Design))).ToList();
            var top = NiceCeiling(bars.Max(b => b.Life.Dollars));
            double Y(double dollars) => Top + PlotHeight - (dollars / top * PlotHeight);

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 - 40}" y="{Top - 14}" font-size="12" font-weight="bold">{Svg.Escape($"{scenario.Name}: {scenario.Moves} move{(scenario.Moves == 1 ? string.Empty : "s")}, {scenario.PageReads} page reads")}</text>""");
            for (var t = 0; t <= 4; t++)
            {
                var value = top * t / 4;
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{Y(value):F1}" x2="{x0 + 20 + (Bars.Length * (BarWidth + BarGap))}" y2="{Y(value):F1}" stroke="#e5e5e5"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 - 6}" y="{Y(value) + 4:F1}" text-anchor="end">${FeedbackLife.Money(value)}</text>""");
            }

            for (var b = 0; b < bars.Count; b++)
            {
                var (label, life) = bars[b];
                var x = x0 + 20 + (b * (BarWidth + BarGap));
                var bottom = 0.0;
                foreach (var (_, colour, dollars) in Segments)
                {
                    var part = dollars(life, prices);
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{Y(bottom + part):F1}" width="{BarWidth}" height="{Y(bottom) - Y(bottom + part):F1}" fill="{colour}" stroke="white" stroke-width="0.5"/>""");
                    bottom += part;
                }

                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + (BarWidth / 2)}" y="{Y(bottom) - 5:F1}" text-anchor="middle" font-weight="bold">${FeedbackLife.Money(life.Dollars)}</text>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + (BarWidth / 2)}" y="{Top + PlotHeight + 16}" text-anchor="middle">{Svg.Escape(label)}</text>""");
            }
        }

        for (var i = 0; i < Segments.Length; i++)
        {
            var (label, colour, _) = Segments[i];
            var x = 10 + (i % 3 * 250);
            var y = Top + PlotHeight + 44 + (i / 3 * 20);
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y - 10}" width="14" height="12" fill="{colour}" stroke="#999" stroke-width="0.5"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + 20}" y="{y}">{Svg.Escape(label)}</text>""");
        }

        return Svg.Finish(svg, path);
    }

    /// <summary>The smallest of 1, 2, 2.5 or 5 times a power of ten at or above <paramref name="value"/>: an axis top with round ticks.</summary>
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(v => v >= value);
    }
}
