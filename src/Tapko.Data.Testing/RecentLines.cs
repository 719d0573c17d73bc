using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tapko.Data.Testing;

/// <summary>
/// The last few lines a child process printed. Bounded because DynamoDB Local can run for a whole test session and
/// only its final words matter when it fails.
/// </summary>
internal sealed class RecentLines(int capacity = 20)
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Collects both output streams of <paramref name="process"/>; call before starting it.</summary>
    public static RecentLines Capture(Process process, int capacity = 20)
    {
        var output = new RecentLines(capacity);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        return output;
    }

    public void Add(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            lines.Enqueue(line);
            while (lines.Count > capacity && lines.TryDequeue(out _))
            {
            }
        }
    }

    public IReadOnlyList<string> Snapshot() => [.. lines];

    public bool Contains(string text) => lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The lines indented under a heading, ready to append to an exception message.</summary>
    public string Describe(string heading) =>
        lines.IsEmpty
            ? $"{heading}: (nothing)"
            : $"{heading}:{Environment.NewLine}    " + string.Join(Environment.NewLine + "    ", lines);
}
