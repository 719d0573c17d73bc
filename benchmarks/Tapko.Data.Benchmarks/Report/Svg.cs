using System.Globalization;
using System.Security;
using System.Text;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>What the report's charts share: the document frame, text escaping and writing the file.</summary>
public static class Svg
{
    public static StringBuilder Start(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="10" y="20" font-size="15" font-weight="bold">{Escape(title)}</text>""");
        return svg;
    }

    public static string Finish(StringBuilder svg, string path)
    {
        svg.AppendLine("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, svg.ToString());
        return path;
    }

    public static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
