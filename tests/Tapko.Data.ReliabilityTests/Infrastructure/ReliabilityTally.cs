using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>
/// The figures of one run, summed over every test: what was injected, what was checked, and the counts that must stay
/// zero. Each test asserts its own zeros; this only adds them up for docs/reliability.md.
/// </summary>
public static class ReliabilityTally
{
    private static readonly ConcurrentDictionary<string, long> Counters = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Lines = new();

    public static void Fault(Fault fault) => Add("fault." + fault, 1);

    /// <summary>A store call whose outcome (result or exception, then a read of the state) was checked.</summary>
    public static void OperationChecked(string kind, long count = 1) => Add("operation." + kind, count);

    /// <summary>An invariant that was evaluated and held.</summary>
    public static void InvariantChecked(string name, long count = 1) => Add("invariant." + name, count);

    /// <summary>A generated input: refused before any request, or accepted and read back.</summary>
    public static void Input(string kind, bool refused, long count = 1) => Add($"input.{kind}.{(refused ? "refused" : "round-tripped")}", count);

    /// <summary>Something that must never happen: recorded even when the test then fails, so the report shows it.</summary>
    public static void Violation(string name, long count) => Add("zero." + name, count);

    public static void Add(string key, long count) => Counters.AddOrUpdate(key, count, (_, n) => n + count);

    /// <summary>A line of its own in the report: a run's summary, say.</summary>
    public static void Line(string line) => Lines.Enqueue(line);

    public static long Get(string key) => Counters.GetValueOrDefault(key);

    public static string Render(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Tapko.Data reliability run, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalSeconds:F0} s with DynamoDB Local start");
        foreach (var group in Counters.Where(c => !c.Key.StartsWith("zero.", StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal).GroupBy(c => c.Key.Split('.')[0]))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{group.Key}: total {group.Sum(c => c.Value):N0}");
            foreach (var (key, value) in group)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {key[(group.Key.Length + 1)..],-60} {value,10:N0}");
            }
        }

        if (!Lines.IsEmpty)
        {
            text.AppendLine("runs:");
            foreach (var line in Lines.Order(StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            }
        }

        text.AppendLine("zero (must stay 0):");
        foreach (var zero in ZeroNames.Concat(Counters.Keys.Where(k => k.StartsWith("zero.", StringComparison.Ordinal)).Select(k => k[5..])).Distinct().Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {zero,-60} {Get("zero." + zero),10:N0}");
        }

        return text.ToString();
    }

    /// <summary>The counts that must be zero; listed in the report even when nothing was recorded.</summary>
    public static readonly string[] ZeroNames =
    [
        "lost", "duplicated", "cross-tenant-accepted", "forged-cursors-accepted", "stale-status-updates-applied",
        "submissions-accepted-after-close", "requests-sent-for-refused-input", "unclear-failures", "other-projects-touched",
    ];
}
