using System.Globalization;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>
/// An SVG of read units per call against table size, one panel per pattern that reads, the library against both
/// baselines. Written by the benchmark itself from the measured units, so the picture cannot drift from the tables.
/// </summary>
public static class RcuChart
{
    /// <summary>One measured case: the read units per call of a pattern in a design at a table size.</summary>
    public readonly record struct Point(string Pattern, string Design, int Items, double Read);

    private const int PanelWidth = 300;
    private const int PanelHeight = 260;
    private const int Left = 58;
    private const int Top = 56;
    private const int PlotWidth = 210;
    private const int PlotHeight = 170;

    private static readonly (string Method, string Title)[] Panels =
    [
        ("GetFeedback", "get feedback"),
        ("ListPage", "list page (50 newest)"),
        ("StatusPage", "status-filter page (50 open)"),
        ("DeleteProject", "delete project (20 items)"),
    ];

    private static readonly (DesignKind Design, string Label, string Colour, string Dash)[] Series =
    [
        (DesignKind.Tapko, "Tapko (single table)", "#1b7837", ""),
        (DesignKind.MultiTableGsi, "multi-table + projectId GSI", "#2166ac", "6 3"),
        (DesignKind.MultiTableScan, "multi-table, Scan (naive)", "#b2182b", "2 3"),
    ];

    public static string Write(IEnumerable<CaseResult> results, string path) =>
        Write(results.Select(r => new Point(r.Pattern, r.Design, r.Items, r.Measured.Read)), path);

    /// <summary>Redraws the chart from the <see cref="ResultsFile"/> of an earlier run.</summary>
    public static string Redraw(string artifactsPath, string path)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(artifactsPath, ResultsFile.FileName)));
        var points = json.RootElement.EnumerateArray().Select(r => new Point(
            r.GetProperty("Pattern").GetString()!,
            r.GetProperty("Design").GetString()!,
            r.GetProperty("Items").GetInt32(),
            r.GetProperty("MeasuredRead").GetDouble()));
        return Write(points, path);
    }

    public static string Write(IEnumerable<Point> results, string path)
    {
        var all = results.ToList();
        var sizes = all.Select(r => r.Items).Distinct().Order().ToArray();
        var width = PanelWidth * Panels.Length;
        var height = PanelHeight + 70;
        var svg = Svg.Start(width, height, "Read capacity units per call vs table size (DynamoDB Local, log scale)");

        for (var p = 0; p < Panels.Length; p++)
        {
            var (method, title) = Panels[p];
            var x0 = (p * PanelWidth) + Left;
            var rows = all.Where(r => r.Pattern == method && r.Read > 0).ToList();
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0}" y="{Top - 12}" font-size="12" font-weight="bold">{Svg.Escape(title)}</text>""");
            if (rows.Count == 0)
            {
                continue;
            }

            // Decades that cover every value of the panel.
            var lo = Math.Floor(Math.Log10(rows.Min(r => r.Read)));
            var hi = Math.Max(lo + 1, Math.Ceiling(Math.Log10(rows.Max(r => r.Read))));
            double Y(double v) => Top + PlotHeight - ((Math.Log10(v) - lo) / (hi - lo) * PlotHeight);
            double X(int i) => x0 + (sizes.Length == 1 ? PlotWidth / 2.0 : i * PlotWidth / (double)(sizes.Length - 1));

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x0}" y="{Top}" width="{PlotWidth}" height="{PlotHeight}" fill="none" stroke="#999"/>""");
            for (var d = lo; d <= hi; d++)
            {
                var y = Y(Math.Pow(10, d));
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x0}" y1="{y:F1}" x2="{x0 + PlotWidth}" y2="{y:F1}" stroke="#e5e5e5"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x0 - 6}" y="{y + 4:F1}" text-anchor="end">{Tick(Math.Pow(10, d))}</text>""");
            }

            for (var i = 0; i < sizes.Length; i++)
            {
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{X(i):F1}" y="{Top + PlotHeight + 16}" text-anchor="middle">{sizes[i] / 1000}k items</text>""");
            }

            foreach (var (design, _, colour, dash) in Series)
            {
                var points = sizes.Select((s, i) => (i, r: rows.FirstOrDefault(r => r.Items == s && r.Design == design.ToString()))).Where(t => t.r != default).ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                var line = string.Join(" ", points.Select(t => string.Create(CultureInfo.InvariantCulture, $"{X(t.i):F1},{Y(t.r.Read):F1}")));
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>""");
                foreach (var (i, r) in points)
                {
                    var y = Y(r.Read);
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<circle cx="{X(i):F1}" cy="{y:F1}" r="3" fill="{colour}"/>""");
                    var others = rows.Where(o => o.Items == r.Items && o.Design != r.Design).Select(o => o.Read).ToList();

                    // Equal values share one label (the first series draws it); otherwise the label goes on the side
                    // with more room, so the labels of close points do not overlap.
                    var labelledBy = Series.Select(x => x.Design.ToString()).First(d => rows.Any(o => o.Items == r.Items && o.Design == d && o.Read == r.Read));
                    if (labelledBy != r.Design)
                    {
                        continue;
                    }

                    var above = Gap(others.Where(o => o > r.Read), r.Read, hi, up: true) >= Gap(others.Where(o => o < r.Read), r.Read, lo, up: false);
                    var last = i == sizes.Length - 1;
                    var x = last ? X(i) - 5 : X(i) + 5;
                    var anchor = last ? "end" : "start";
                    var labelColour = others.Contains(r.Read) ? "#333" : colour;
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x:F1}" y="{y + (above ? -6 : 14):F1}" text-anchor="{anchor}" fill="{labelColour}" font-size="10">{CaseResult.Format(r.Read)}</text>""");
                }
            }
        }

        for (var s = 0; s < Series.Length; s++)
        {
            var (_, label, colour, dash) = Series[s];
            var x = 10 + (s * 260);
            var y = height - 18;
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{y - 4}" x2="{x + 30}" y2="{y - 4}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + 36}" y="{y}">{Svg.Escape(label)}</text>""");
        }

        return Svg.Finish(svg, path);
    }

    /// <summary>Decades from <paramref name="value"/> to the nearest other point (or the panel's edge) on one side.</summary>
    private static double Gap(IEnumerable<double> others, double value, double edgeDecade, bool up)
    {
        var nearest = up ? others.DefaultIfEmpty(Math.Pow(10, edgeDecade)).Min() : others.DefaultIfEmpty(Math.Pow(10, edgeDecade)).Max();
        return Math.Abs(Math.Log10(nearest) - Math.Log10(value));
    }

    private static string Tick(double value) => value >= 1 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
