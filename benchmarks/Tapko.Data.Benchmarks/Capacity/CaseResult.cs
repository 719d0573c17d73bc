using System.Globalization;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Capacity of one benchmark case (pattern × design × dataset size), per invocation: what DynamoDB Local reported
/// through the meter, what DynamoDB's documented rules predict for the same requests, and the pattern's floor.
/// </summary>
/// <param name="ScanReadUpper">The upper end of the full Scans' rule (page rounding), per call; 0 without Scans.</param>
public sealed record CaseResult(
    string Pattern,
    string Design,
    int Items,
    int Invocations,
    Units Measured,
    Units Expected,
    double ScanReadUpper,
    double? MinimumRead)
{
    /// <summary>Measured read units divided by the pattern's theoretical minimum.</summary>
    public double? ReadOverMinimum => MinimumRead is > 0 ? Measured.Read / MinimumRead : null;

    /// <summary>Where DynamoDB Local and the rules disagree, in words; empty when they agree.</summary>
    public IReadOnlyList<string> Disagreements
    {
        get
        {
            var found = new List<string>();
            Compare(found, "table R", Measured.TableRead, Expected.TableRead + Expected.ScanLower, Expected.TableRead + ScanReadUpper);
            Compare(found, "table W", Measured.TableWrite, Expected.TableWrite, Expected.TableWrite);
            Compare(found, "index R", Measured.IndexRead, Expected.IndexRead, Expected.IndexRead);
            Compare(found, "index W", Measured.IndexWrite, Expected.IndexWrite, Expected.IndexWrite);
            return found;
        }
    }

    public string Key => KeyOf(Pattern, Design, Items);

    public static string KeyOf(string pattern, string design, int items) => $"{pattern}|{design}|{items}";

    private static void Compare(List<string> found, string what, double measured, double low, double high)
    {
        const double Tolerance = 1e-6;
        if (measured < low - Tolerance || measured > high + Tolerance)
        {
            var expected = high - low > Tolerance ? $"{Format(low)}–{Format(high)}" : Format(low);
            found.Add($"{what} {Format(measured)} vs {expected}");
        }
    }

    public static string Format(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);
}
