using Tapko.Data.Benchmarks.Capacity;

namespace Tapko.Data.Benchmarks.Sampling;

/// <summary>
/// One call of one pattern, measured on its own: what DynamoDB Local billed for it, what the rules give for the items
/// it touched, and its floors. <see cref="ProjectItems"/> is the size of the project a page was read from (0 when the
/// call does not read a page) and <see cref="ProjectRank"/> its rank in the dataset (-1 for other calls), so a page's cost can be set against the size of the project it came from.
/// </summary>
public sealed record CallSample(
    string Pattern,
    string Design,
    int Items,
    int Seed,
    int ProjectRank,
    int ProjectItems,
    Units Measured,
    Units Expected,
    int ScanRequests)
{
    public double ScanReadUpper => RulesCheck.ScanUpper(Expected, ScanRequests);

    public IReadOnlyList<string> Disagreements => RulesCheck.Disagreements(Measured, Expected, ScanReadUpper);

    public double? ReadOverDesignFloor => Expected.MinimumRead is > 0 and var floor ? Measured.Read / floor : null;

    public double? ReadOverNeutralFloor => Expected.NeutralRead is > 0 and var floor ? Measured.Read / floor : null;
}
