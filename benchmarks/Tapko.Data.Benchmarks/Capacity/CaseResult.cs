namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Capacity of one benchmark case (pattern × design × dataset size), per invocation: what DynamoDB Local reported
/// through the meter, what DynamoDB's documented rules predict for the same requests, and the pattern's floors.
/// </summary>
/// <param name="ScanReadUpper">The upper end of the full Scans' rule (page rounding), per call; 0 without Scans.</param>
/// <param name="MinimumRead">The design's own floor (<see cref="Units.MinimumRead"/>), per call.</param>
/// <param name="NeutralRead">The design-neutral floor (<see cref="Units.NeutralRead"/>), per call.</param>
public sealed record CaseResult(
    string Pattern,
    string Design,
    int Items,
    int Invocations,
    Units Measured,
    Units Expected,
    double ScanReadUpper,
    double? MinimumRead,
    double? NeutralRead)
{
    /// <summary>Measured read units divided by the design's own floor.</summary>
    public double? ReadOverMinimum => MinimumRead is > 0 ? Measured.Read / MinimumRead : null;

    /// <summary>Measured read units divided by the design-neutral floor.</summary>
    public double? ReadOverNeutral => NeutralRead is > 0 ? Measured.Read / NeutralRead : null;

    /// <summary>Where DynamoDB Local and the rules disagree, in words; empty when they agree.</summary>
    public IReadOnlyList<string> Disagreements => RulesCheck.Disagreements(Measured, Expected, ScanReadUpper);

    public string Key => KeyOf(Pattern, Design, Items);

    public static string KeyOf(string pattern, string design, int items) => $"{pattern}|{design}|{items}";

    public static string Format(double value) => RulesCheck.Format(value);
}
