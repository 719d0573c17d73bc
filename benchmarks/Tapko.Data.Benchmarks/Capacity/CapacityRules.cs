namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// DynamoDB's documented capacity rules, applied to item sizes the benchmark knows, so DynamoDB Local's numbers are
/// checked rather than trusted. Reads: one unit per 4 KB of the items read (a Query or Scan page sums its items before
/// rounding, filtered ones included), half for eventually consistent reads, at least one 4 KB step. Writes: one unit
/// per 1 KB of the item (the larger of old and new for an update), per table and per index entry written; inside
/// TransactWriteItems every write, a ConditionCheck included, costs twice.
/// </summary>
public static class CapacityRules
{
    public const int ReadUnitBytes = 4 * 1024;
    public const int WriteUnitBytes = 1024;

    /// <summary>A Scan or Query page stops after this much data read.</summary>
    public const int PageBytes = 1024 * 1024;

    public static double Read(long bytes, bool consistent = false) =>
        Math.Max(1, Math.Ceiling(bytes / (double)ReadUnitBytes)) * (consistent ? 1 : 0.5);

    public static double Write(long bytes) => Math.Max(1, Math.Ceiling(bytes / (double)WriteUnitBytes));

    public static double TransactionalWrite(long bytes) => 2 * Write(bytes);

    /// <summary>
    /// The fewest read units a full Scan of <paramref name="tableBytes"/> can cost: every 1 MB page is rounded up on its
    /// own, so the true figure is this plus at most half a unit per page after the first.
    /// </summary>
    public static double ScanLowerBound(long tableBytes) => Read(tableBytes);
}
