using System.Globalization;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Compares what DynamoDB Local billed with what <see cref="CapacityRules"/> give, on table reads, table writes,
/// index reads and index writes separately. One implementation for the run and for the verifier, so a report cannot
/// pass a check the run would have flagged.
/// </summary>
public static class RulesCheck
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// The upper end of the read rule when full Scans are involved: each Scan may round up once per 1 MB page after its
    /// first, and only the number of Scan requests sent tells how many pages there were.
    /// </summary>
    public static double ScanUpper(Units expected, int scanRequests) =>
        expected.ScanLower + (0.5 * Math.Max(0, scanRequests - expected.Scans));

    /// <summary>
    /// Where the measured units leave the rules, in words; empty when they agree. A lower bill within
    /// <see cref="Units.LocalMayBillLess"/> (a known DynamoDB Local defect, <see cref="LocalDefects"/>) is not a
    /// disagreement; see <see cref="KnownShortfalls"/>.
    /// </summary>
    public static IReadOnlyList<string> Disagreements(Units measured, Units expected, double scanUpper)
    {
        var found = new List<string>();
        var known = expected.LocalMayBillLess;
        Compare(found, "table R", measured.TableRead, expected.TableRead + expected.ScanLower - known.TableRead, expected.TableRead + scanUpper);
        Compare(found, "table W", measured.TableWrite, expected.TableWrite - known.TableWrite, expected.TableWrite);
        Compare(found, "index R", measured.IndexRead, expected.IndexRead, expected.IndexRead);
        Compare(found, "index W", measured.IndexWrite, expected.IndexWrite - known.IndexWrite, expected.IndexWrite);
        return found;
    }

    /// <summary>Where DynamoDB Local billed less than the rules within its known defects, in words; empty when it did not.</summary>
    public static IReadOnlyList<string> KnownShortfalls(Units measured, Units expected)
    {
        var found = new List<string>();
        var known = expected.LocalMayBillLess;
        Short(found, "table R", measured.TableRead, expected.TableRead + expected.ScanLower, known.TableRead);
        Short(found, "table W", measured.TableWrite, expected.TableWrite, known.TableWrite);
        Short(found, "index W", measured.IndexWrite, expected.IndexWrite, known.IndexWrite);
        return found;
    }

    /// <summary>The verdict column: <c>ok</c>, <c>known Local defect: …</c> (the run passes) or <c>FLAG …</c> (it fails).</summary>
    public static string Verdict(IReadOnlyList<string> disagreements, IReadOnlyList<string> shortfalls) =>
        disagreements.Count > 0 ? "FLAG " + string.Join("; ", disagreements)
        : shortfalls.Count > 0 ? KnownDefectVerdict + string.Join("; ", shortfalls)
        : "ok";

    /// <summary>How a verdict within a known DynamoDB Local defect starts.</summary>
    public const string KnownDefectVerdict = "known Local defect: ";

    public static string Format(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static void Short(List<string> found, string what, double measured, double rules, double allowed)
    {
        if (allowed > 0 && measured < rules - Tolerance && measured >= rules - allowed - Tolerance)
        {
            found.Add($"{what} {Format(measured)} vs {Format(rules)}");
        }
    }

    private static void Compare(List<string> found, string what, double measured, double low, double high)
    {
        if (measured < low - Tolerance || measured > high + Tolerance)
        {
            var expected = high - low > Tolerance ? $"{Format(low)}–{Format(high)}" : Format(low);
            found.Add($"{what} {Format(measured)} vs {expected}");
        }
    }
}
