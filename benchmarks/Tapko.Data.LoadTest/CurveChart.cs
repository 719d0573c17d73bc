using System.Globalization;
using System.Security;
using System.Text;

namespace Tapko.Data.LoadTest;

/// <summary>
/// The saturation curve as an SVG, drawn by the run from its own results: acknowledged against offered submissions
/// per second (log-log, the diagonal is "everything acknowledged"), and the p99 latency of acknowledged ones.
/// </summary>
public static class CurveChart
{
    private const int PanelWidth = 420;
    private const int Height = 360;
    private const int Left = 64;
    private const int Top = 50;
    private const int Plot = 250;

    private static readonly string[] Colours = ["#1b7837", "#2166ac", "#b2182b", "#762a83", "#e08214"];

    public static string Write(IReadOnlyList<PointResult> points, string path)
    {
        var designs = points.Select(p => p.Design).Distinct().ToList();
        var rates = points.Select(p => (double)p.Rate).ToList();
        var svg = new StringBuilder();
        var width = PanelWidth * 2;
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{Height}" viewBox="0 0 {width} {Height}" font-family="sans-serif" font-size="11">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{Height}" fill="white"/>""");
        svg.AppendLine("""<text x="10" y="20" font-size="14" font-weight="bold">One project under a viral burst, through the limits model (model time)</text>""");

        // Both axes of the first panel span the offered rates, so the diagonal is "everything acknowledged".
        var xLo = Math.Log10(rates.Min() / 1.3);
        var xHi = Math.Log10(rates.Max() * 1.3);
        var ackLo = Math.Min(xLo, Math.Log10(Math.Max(1, points.Min(p => p.AcknowledgedPerSecond)) / 1.3));
        Panel(svg, 0, "acknowledged per second", points, designs, xLo, xHi, ackLo, xHi, p => p.AcknowledgedPerSecond, diagonal: true);
        var latencies = points.Where(p => p.P99Ms > 0).Select(p => p.P99Ms).DefaultIfEmpty(1).ToList();
        Panel(svg, PanelWidth, "p99 latency of acknowledged (ms)", points, designs, xLo, xHi, Math.Floor(Math.Log10(latencies.Min())), Math.Ceiling(Math.Log10(latencies.Max())), p => p.P99Ms, diagonal: false);

        for (var d = 0; d < designs.Count; d++)
        {
            // Five designs must fit the width, so the legend's spacing shrinks with their number.
            var x = 10 + (d * Math.Min(220, ((PanelWidth * 2) - 20) / designs.Count));
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{Height - 14}" x2="{x + 26}" y2="{Height - 14}" stroke="{Colours[d % Colours.Length]}" stroke-width="2"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + 32}" y="{Height - 10}">{Escape(designs[d])}</text>""");
        }

        svg.AppendLine("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, svg.ToString());
        return path;
    }

    private static void Panel(StringBuilder svg, int offset, string title, IReadOnlyList<PointResult> points, List<string> designs, double xLo, double xHi, double yLo, double yHi, Func<PointResult, double> value, bool diagonal)
    {
        yHi = Math.Max(yHi, yLo + 1);
        var x0 = offset + Left;
        double X(double v) => x0 + ((Math.Log10(v) - xLo) / (xHi - xLo) * Plot);
        double Y(double v) => Top + Plot - ((Math.Log10(Math.Max(v, Math.Pow(10, yLo))) - yLo) / (yHi - yLo) * Plot);
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0}" y="{Top - 10}" font-size="12" font-weight="bold">{Escape(title)}</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x0}" y="{Top}" width="{Plot}" height="{Plot}" fill="none" stroke="#999"/>""");
        foreach (var tick in Ticks(yLo, yHi))
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{Y(tick):F1}" x2="{x0 + Plot}" y2="{Y(tick):F1}" stroke="#eee"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 - 6}" y="{Y(tick) + 4:F1}" text-anchor="end">{tick:N0}</text>""");
        }

        foreach (var tick in points.Select(p => (double)p.Rate).Distinct())
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{X(tick):F1}" y1="{Top}" x2="{X(tick):F1}" y2="{Top + Plot}" stroke="#eee"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{X(tick):F1}" y="{Top + Plot + 16}" text-anchor="middle">{tick:N0}</text>""");
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 + (Plot / 2)}" y="{Top + Plot + 34}" text-anchor="middle">offered submissions per second</text>""");
        if (diagonal)
        {
            var lo = Math.Pow(10, Math.Max(xLo, yLo));
            var hi = Math.Pow(10, Math.Min(xHi, yHi));
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{X(lo):F1}" y1="{Y(lo):F1}" x2="{X(hi):F1}" y2="{Y(hi):F1}" stroke="#999" stroke-dasharray="4 3"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{X(hi) - 4:F1}" y="{Y(hi) + 14:F1}" text-anchor="end" fill="#777">all acknowledged</text>""");
        }

        for (var d = 0; d < designs.Count; d++)
        {
            var series = points.Where(p => p.Design == designs[d]).OrderBy(p => p.Rate).ToList();
            var colour = Colours[d % Colours.Length];
            var ceilings = series.Where(p => p.WcuCeiling > 0).Select(p => p.WcuCeiling).Order().ToList();
            if (diagonal && ceilings.Count > 0 && Math.Log10(ceilings[ceilings.Count / 2]) is var c && c > yLo && c < yHi)
            {
                // Where write units alone would stop this design: the partition's units over the units one submit takes.
                var ceiling = ceilings[ceilings.Count / 2];
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{Y(ceiling):F1}" x2="{x0 + Plot}" y2="{Y(ceiling):F1}" stroke="{colour}" stroke-dasharray="2 3"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 + 4}" y="{Y(ceiling) - 4:F1}" fill="{colour}" font-size="10">WCU ceiling {ceiling:N0}/s</text>""");
            }

            var line = string.Join(" ", series.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Rate):F1},{Y(value(p)):F1}")));
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>""");
            foreach (var p in series)
            {
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<circle cx="{X(p.Rate):F1}" cy="{Y(value(p)):F1}" r="3" fill="{colour}"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{X(p.Rate) + 4:F1}" y="{Y(value(p)) - 6:F1}" fill="{colour}" font-size="10">{value(p):N0}</text>""");
            }
        }
    }

    /// <summary>1, 2, 5 of every decade, within the range (log10 bounds).</summary>
    private static IEnumerable<double> Ticks(double lo, double hi)
    {
        for (var d = Math.Floor(lo); d <= Math.Ceiling(hi); d++)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                var v = m * Math.Pow(10, d);
                if (Math.Log10(v) >= lo - 1e-9 && Math.Log10(v) <= hi + 1e-9)
                {
                    yield return v;
                }
            }
        }
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
