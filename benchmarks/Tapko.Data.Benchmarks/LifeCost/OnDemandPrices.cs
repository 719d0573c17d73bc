using System.Globalization;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// DynamoDB on-demand prices, as parameters with the date and source they were taken from: the report converts
/// capacity units into money with them and says which ones it used. Prices change and differ by region; pass others
/// with <c>--prices READ,WRITE,DATE</c>.
/// </summary>
/// <param name="ReadPerMillion">US dollars per million read request units (one 4 KB strongly consistent read, or two eventually consistent).</param>
/// <param name="WritePerMillion">US dollars per million write request units (one 1 KB standard write; a transactional write takes two).</param>
public sealed record OnDemandPrices(double ReadPerMillion, double WritePerMillion, string TakenOn, string Source)
{
    /// <summary>
    /// US East (N. Virginia), Standard table class, after the on-demand price cut of November 2024. Taken on
    /// 2025-07-21 from a third-party pricing summary that quotes AWS's on-demand pricing page (this machine has no
    /// internet; AWS's page as stored here states the units but its excerpt did not show the figures): check them
    /// against AWS's current on-demand pricing page before relying on the money columns.
    /// </summary>
    public static OnDemandPrices UsEast1 { get; } = new(
        0.125,
        0.625,
        "2025-07-21",
        "us-east-1, Standard table class, on-demand, after the November 2024 price cut; quoted from AWS's on-demand pricing by a third-party summary dated 2025-07-21, not checked against AWS's page from this machine");

    public static OnDemandPrices Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"--prices wants READ,WRITE,DATE (US dollars per million request units and the date they were taken), not '{text}'.", nameof(text));
        }

        return new(
            double.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            parts[2],
            "given on the command line");
    }

    /// <summary>The price of one unit per million feedback: units per feedback × price per million units.</summary>
    public double PerMillion(double readUnits, double writeUnits) => (readUnits * ReadPerMillion) + (writeUnits * WritePerMillion);
}
