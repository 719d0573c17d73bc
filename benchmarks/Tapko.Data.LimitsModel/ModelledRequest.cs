namespace Tapko.Data.LimitsModel;

/// <summary>Units a request is expected to take from one partition key's read or write bucket.</summary>
/// <param name="Partition">The partition key.</param>
/// <param name="Write">Write units (otherwise read units).</param>
/// <param name="Units">The estimate from the request alone; the answer's reported units replace it.</param>
public readonly record struct Charge(PartitionRef Partition, bool Write, double Units);

/// <summary>One item a write touches: what transaction conflicts are decided on.</summary>
/// <param name="Action">The action's position in a <c>TransactWriteItems</c> (0 for a single-item write).</param>
/// <param name="Table">The table.</param>
/// <param name="Key">The item's primary key, canonical: equal keys give equal strings.</param>
/// <param name="Partition">The item's partition key value in the table.</param>
public readonly record struct ItemTouch(int Action, string Table, string Key, string Partition);

/// <summary>What the model reads from one DynamoDB request.</summary>
/// <param name="Operation">The operation from <c>X-Amz-Target</c>, e.g. <c>TransactWriteItems</c>.</param>
/// <param name="IsWrite">Whether it writes (its units come from write buckets).</param>
/// <param name="IsTransaction">Whether it is a <c>TransactWriteItems</c> (its items are held while in flight).</param>
/// <param name="Items">The items a write touches, in action order.</param>
/// <param name="Charges">The partition keys it is expected to charge, with estimates.</param>
/// <param name="ActionCount">How many actions a transaction has (cancellation reasons are one per action).</param>
public sealed record ModelledRequest(
    string Operation,
    bool IsWrite,
    bool IsTransaction,
    IReadOnlyList<ItemTouch> Items,
    IReadOnlyList<Charge> Charges,
    int ActionCount)
{
    /// <summary>A request the model does not limit (table management, scans, unmodelled operations).</summary>
    public static ModelledRequest Unlimited(string operation) => new(operation, false, false, [], [], 0);

    /// <summary>Whether the model limits this request at all.</summary>
    public bool IsLimited => Charges.Count > 0 || Items.Count > 0;
}
