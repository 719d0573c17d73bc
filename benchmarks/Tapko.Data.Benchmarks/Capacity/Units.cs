namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Capacity units of one call, split the way DynamoDB reports them: on tables and on global secondary indexes.
/// <see cref="ScanLower"/> and <see cref="Scans"/> hold the part only known up to page rounding (full-table Scans).
/// </summary>
public readonly record struct Units(double TableRead, double TableWrite, double IndexRead, double IndexWrite)
{
    public double ScanLower { get; init; }

    public int Scans { get; init; }

    /// <summary>
    /// The design's own floor: the items the pattern returns, as this design stores them, read by one eventually
    /// consistent request. A design that reads exactly its result sits on it, however heavy its items are.
    /// </summary>
    public double? MinimumRead { get; init; }

    /// <summary>
    /// The design-neutral floor: the same result items holding the user's data only (see <see cref="NeutralItem"/>),
    /// read by one eventually consistent request. The same for every design, so it shows what a design's keys cost.
    /// </summary>
    public double? NeutralRead { get; init; }

    /// <summary>
    /// How much less than these units DynamoDB Local 3.3.1 is known to bill for the same requests (see
    /// <see cref="LocalDefects"/>); zero for requests it bills right. Only these components, only downwards.
    /// </summary>
    public LocalShortfall LocalMayBillLess { get; init; }

    public double Read => TableRead + IndexRead + ScanLower;

    public double Write => TableWrite + IndexWrite;

    public static Units operator +(Units a, Units b) => new(a.TableRead + b.TableRead, a.TableWrite + b.TableWrite, a.IndexRead + b.IndexRead, a.IndexWrite + b.IndexWrite)
    {
        ScanLower = a.ScanLower + b.ScanLower,
        Scans = a.Scans + b.Scans,
        MinimumRead = Sum(a.MinimumRead, b.MinimumRead),
        NeutralRead = Sum(a.NeutralRead, b.NeutralRead),
        LocalMayBillLess = a.LocalMayBillLess + b.LocalMayBillLess,
    };

    public static Units TableReads(double units) => new(units, 0, 0, 0);

    public static Units IndexReads(double units) => new(0, 0, units, 0);

    public static Units TableWrites(double units) => new(0, units, 0, 0);

    public static Units IndexWrites(double units) => new(0, 0, 0, units);

    public static Units FullScan(long tableBytes) => new(0, 0, 0, 0) { ScanLower = CapacityRules.ScanLowerBound(tableBytes), Scans = 1 };

    /// <summary>These units, of which DynamoDB Local may bill up to <paramref name="shortfall"/> less.</summary>
    public Units WithLocalShortfall(LocalShortfall shortfall) => this with { LocalMayBillLess = LocalMayBillLess + shortfall };

    public Units WithFloors(double designFloor, double neutralFloor) => this with { MinimumRead = designFloor, NeutralRead = neutralFloor };

    /// <summary>These units divided by <paramref name="count"/> calls: the per-call figure of a sum.</summary>
    public Units PerCall(int count) => new(TableRead / count, TableWrite / count, IndexRead / count, IndexWrite / count)
    {
        ScanLower = ScanLower / count,
        Scans = Scans,
        MinimumRead = MinimumRead / count,
        NeutralRead = NeutralRead / count,
        LocalMayBillLess = LocalMayBillLess.PerCall(count),
    };

    private static double? Sum(double? a, double? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
