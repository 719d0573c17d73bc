using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Per benchmark case: counts invocations and the capacity the rules expect for each, and on completion pairs them
/// with what the listener measured. BenchmarkDotNet runs these suites in this process, so the summary's columns read
/// the results straight from <see cref="Results"/>.
/// </summary>
public static class CaseLedger
{
    private static readonly ConcurrentDictionary<string, CaseResult> Completed = new(StringComparer.Ordinal);
    private static CapacityListener? listener;
    private static Units expected;
    private static int invocations;
    private static string? pattern;

    public static IReadOnlyDictionary<string, CaseResult> Results => Completed;

    public static void Attach(CapacityListener capacityListener) => listener = capacityListener;

    public static void Start(IEnumerable<string> tables)
    {
        (listener ?? throw new InvalidOperationException("No capacity listener attached.")).Reset(tables);
        expected = default;
        invocations = 0;
        pattern = null;
    }

    /// <summary>Called by each invocation, before its request; the pattern is the benchmark method's name.</summary>
    public static void Count(Units expectedUnits, [CallerMemberName] string method = "")
    {
        expected += expectedUnits;
        invocations++;
        pattern = method;
    }

    public static void Finish(string design, int items)
    {
        if (pattern is null || invocations == 0 || listener is null)
        {
            return;
        }

        var (measured, scanRequests) = listener.Snapshot();

        var upper = RulesCheck.ScanUpper(expected, scanRequests);
        var result = new CaseResult(
            pattern,
            design,
            items,
            invocations,
            measured.PerCall(invocations),
            expected.PerCall(invocations),
            upper / invocations,
            expected.MinimumRead / invocations,
            expected.NeutralRead / invocations);
        Completed[result.Key] = result;
    }
}
