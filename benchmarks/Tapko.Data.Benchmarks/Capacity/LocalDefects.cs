namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Where DynamoDB Local 3.3.1 bills less than DynamoDB documents, measured on this repository's requests:
/// <list type="bullet">
/// <item>A <c>TransactWriteItems</c> of several items is billed as if items of the same size were written once: two
/// 591-byte puts cost 2 write units and three cost 2, where the rules give 4 and 6 (two per KB of each item); a
/// 91-byte and a 1,491-byte put cost 6, as the rules give (InstrumentCheck probes all three). Index writes of such a transaction are short the same way.
/// The bill never falls below the transaction's largest item.</item>
/// <item>A <c>Query</c> that returns no item is billed 0, where DynamoDB bills at least one 4 KB step (0.5 units).</item>
/// </list>
/// Rows whose requests include these get the rules' figure as their cost, marked, and the verifier allows exactly this
/// shortfall on exactly these requests; anything else Local bills differently still fails the run.
/// </summary>
public static class LocalDefects
{
    /// <summary>
    /// A transaction of items costing <paramref name="itemUnits"/> each (already doubled): Local may bill as little as
    /// the largest.
    /// </summary>
    public static double TransactionShortfall(IEnumerable<double> itemUnits)
    {
        var units = itemUnits.ToList();
        return units.Count < 2 ? 0 : units.Sum() - units.Max();
    }

    /// <summary>An empty eventually consistent Query: Local may bill nothing for it.</summary>
    public static double EmptyQueryShortfall => CapacityRules.Read(0);
}
