namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Capacity units of one call, split the way DynamoDB reports them: on tables and on global secondary indexes.
/// <see cref="ScanLower"/> and <see cref="Scans"/> hold the part only known up to page rounding (full-table Scans).
/// </summary>
public readonly record struct Units(double TableRead, double TableWrite, double IndexRead, double IndexWrite)
{
    public double ScanLower { get; init; }

    public int Scans { get; init; }

    /// <summary>The theoretical minimum read units of the pattern: its result items read by one eventually consistent request each.</summary>
    public double? MinimumRead { get; init; }

    public double Read => TableRead + IndexRead + ScanLower;

    public double Write => TableWrite + IndexWrite;

    public static Units operator +(Units a, Units b) => new(a.TableRead + b.TableRead, a.TableWrite + b.TableWrite, a.IndexRead + b.IndexRead, a.IndexWrite + b.IndexWrite)
    {
        ScanLower = a.ScanLower + b.ScanLower,
        Scans = a.Scans + b.Scans,
        MinimumRead = a.MinimumRead is null && b.MinimumRead is null ? null : (a.MinimumRead ?? 0) + (b.MinimumRead ?? 0),
    };

    public static Units TableReads(double units) => new(units, 0, 0, 0);

    public static Units IndexReads(double units) => new(0, 0, units, 0);

    public static Units TableWrites(double units) => new(0, units, 0, 0);

    public static Units IndexWrites(double units) => new(0, 0, 0, units);

    public static Units FullScan(long tableBytes) => new(0, 0, 0, 0) { ScanLower = CapacityRules.ScanLowerBound(tableBytes), Scans = 1 };

    public Units WithMinimum(double minimum) => this with { MinimumRead = minimum };
}
