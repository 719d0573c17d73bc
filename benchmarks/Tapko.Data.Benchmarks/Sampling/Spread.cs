using System.Globalization;

namespace Tapko.Data.Benchmarks.Sampling;

/// <summary>
/// The distribution of one figure over many calls: median with minimum and maximum (what a reader can expect of one
/// call), and the mean with a 95 % interval (what a bill of many calls averages to; normal approximation).
/// </summary>
public readonly record struct Spread(int Count, double Median, double Min, double Max, double Mean, double Interval95)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return default;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var mean = sorted.Average();
        var variance = sorted.Length > 1 ? sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1) : 0;
        return new Spread(sorted.Length, median, sorted[0], sorted[^1], mean, 1.96 * Math.Sqrt(variance / sorted.Length));
    }

    /// <summary>"median [min–max]", or the single value when every call cost the same.</summary>
    public string MedianRange(Func<double, string> format) =>
        Count == 0 ? "-" : Min == Max ? format(Median) : $"{format(Median)} [{format(Min)}–{format(Max)}]";

    /// <summary>"mean ± half-interval", to the first digit the interval leaves uncertain.</summary>
    public string MeanInterval()
    {
        if (Count == 0)
        {
            return "-";
        }

        if (Interval95 <= 0)
        {
            return Units(Mean);
        }

        // Print to the decimal of the interval's leading digit: more would claim precision the calls do not give.
        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(Interval95)), 0, 3);
        var format = "N" + decimals.ToString(CultureInfo.InvariantCulture);
        return $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Interval95.ToString(format, CultureInfo.InvariantCulture)}";
    }

    public static string Units(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString(value >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}
