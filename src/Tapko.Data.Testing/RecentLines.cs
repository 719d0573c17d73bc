namespace Tapko.Data.Testing;

/// <summary>
/// The last few lines a child process printed. Bounded because DynamoDB Local can run for a whole test session and
/// only its final words matter when it fails.
/// </summary>
internal sealed class RecentLines
{
    public const int DefaultCapacity = 20;

    private readonly Queue<string> lines;
    private readonly int capacity;
    private readonly object gate = new();

    public RecentLines(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        lines = new Queue<string>(capacity);
    }

    public void Add(string line)
    {
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public bool Contains(string text)
    {
        lock (gate)
        {
            return lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The lines indented under a heading, ready to append to an exception message.</summary>
    public string Describe(string heading)
    {
        var snapshot = Snapshot();
        return snapshot.Count == 0
            ? $"{heading}: (nothing)"
            : $"{heading}:{Environment.NewLine}    " + string.Join(Environment.NewLine + "    ", snapshot);
    }
}
