namespace Tapko.Data.LimitsModel;

/// <summary>Which exception a modelled throttle answers with; the SDK retries both as throttling.</summary>
public enum ThrottleAnswer
{
    /// <summary><c>ProvisionedThroughputExceededException</c> (HTTP 400), what a hot partition key range returns.</summary>
    ProvisionedThroughputExceeded,

    /// <summary><c>ThrottlingException</c> (HTTP 400).</summary>
    Throttling,
}

/// <summary>
/// The limits the <see cref="LimitsModelHandler"/> enforces, in model time. Defaults are DynamoDB's documented
/// per-partition limits; the latencies are assumptions (DynamoDB documents none), see docs/scale.md.
/// </summary>
public sealed record LimitsModelOptions
{
    /// <summary>Write units one partition key (of the table, and separately of each index) takes per second. Documented: 1,000.</summary>
    public double WriteUnitsPerSecond { get; init; } = 1_000;

    /// <summary>Read units one partition key takes per second. Documented: 3,000.</summary>
    public double ReadUnitsPerSecond { get; init; } = 3_000;

    /// <summary>
    /// How many seconds of unused throughput a partition key's bucket holds. DynamoDB's 300 s of burst capacity is a
    /// table-level allowance and does not lift the per-partition cap, so the default is one second: a partition
    /// never takes more than its per-second limit in any one second after an idle spell.
    /// </summary>
    public double BurstSeconds { get; init; } = 1;

    /// <summary>The shortest time any answer takes (network and service), in model time. Assumed, not documented.</summary>
    public TimeSpan RequestLatency { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>
    /// The shortest time a forwarded <c>TransactWriteItems</c> takes, in model time; its items are held (and any other
    /// transaction touching them conflicts) from admission until its answer is returned. Assumed, not documented.
    /// </summary>
    public TimeSpan TransactionLatency { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Real seconds per model second (≥ 1). With 4, limits are a quarter as fast and latencies four times as long in
    /// real time, so a loopback DynamoDB Local can serve what the model admits; every figure is reported in model time.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>The exception a throttle answers with.</summary>
    public ThrottleAnswer ThrottleAnswer { get; init; } = ThrottleAnswer.ProvisionedThroughputExceeded;

    /// <summary>The key attributes of the tables the model sees (every table is assumed to share them).</summary>
    public TableSchema Schema { get; init; } = TableSchema.Tapko;

    /// <summary>The capacity of one partition key's write bucket.</summary>
    public double WriteBurst => WriteUnitsPerSecond * BurstSeconds;

    /// <summary>The capacity of one partition key's read bucket.</summary>
    public double ReadBurst => ReadUnitsPerSecond * BurstSeconds;

    /// <summary>Refuses options that cannot describe a partition.</summary>
    public void Validate()
    {
        if (WriteUnitsPerSecond <= 0 || ReadUnitsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteUnitsPerSecond), "Unit rates must be positive.");
        }

        if (BurstSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BurstSeconds), BurstSeconds, "The burst must be positive.");
        }

        if (TimeScale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeScale), TimeScale, "The time scale is at least 1 (real time or slower).");
        }

        if (RequestLatency < TimeSpan.Zero || TransactionLatency < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestLatency), "Latencies cannot be negative.");
        }
    }
}
