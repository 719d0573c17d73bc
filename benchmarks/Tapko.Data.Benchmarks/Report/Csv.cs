using System.Text;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>Reads BenchmarkDotNet's CSV report: comma-separated, fields with commas or quotes quoted RFC 4180 style.</summary>
public static class Csv
{
    public static (IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return ([], []);
        }

        var header = Split(lines[0]);
        var rows = lines.Skip(1)
            .Select(Split)
            .Select(fields => header.Select((h, i) => (h, v: i < fields.Count ? fields[i] : string.Empty)).GroupBy(p => p.h).ToDictionary(g => g.Key, g => g.First().v, StringComparer.Ordinal))
            .ToList();
        return (header, rows);
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
