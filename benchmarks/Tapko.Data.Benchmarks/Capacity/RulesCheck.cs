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

    /// <summary>Where the measured units leave the rules, in words; empty when they agree.</summary>
    public static IReadOnlyList<string> Disagreements(Units measured, Units expected, double scanUpper)
    {
        var found = new List<string>();
        Compare(found, "table R", measured.TableRead, expected.TableRead + expected.ScanLower, expected.TableRead + scanUpper);
        Compare(found, "table W", measured.TableWrite, expected.TableWrite, expected.TableWrite);
        Compare(found, "index R", measured.IndexRead, expected.IndexRead, expected.IndexRead);
        Compare(found, "index W", measured.IndexWrite, expected.IndexWrite, expected.IndexWrite);
        return found;
    }

    public static string Format(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static void Compare(List<string> found, string what, double measured, double low, double high)
    {
        if (measured < low - Tolerance || measured > high + Tolerance)
        {
            var expected = high - low > Tolerance ? $"{Format(low)}–{Format(high)}" : Format(low);
            found.Add($"{what} {Format(measured)} vs {expected}");
        }
    }
}
