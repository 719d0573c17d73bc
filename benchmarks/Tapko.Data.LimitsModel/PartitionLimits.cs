namespace Tapko.Data.LimitsModel;

/// <summary>
/// A token bucket per partition key and kind (read, write), created full on first use. A request is admitted only if
/// every bucket it charges holds its estimate; the estimate is then reserved, and the answer's reported units replace
/// it. Not thread-safe: the model holds one lock over it.
/// </summary>
public sealed class PartitionLimits(LimitsModelOptions options)
{
    private readonly Dictionary<(PartitionRef, bool), TokenBucket> buckets = [];
    private readonly Dictionary<(PartitionRef, bool), double> consumed = [];

    /// <summary>Units settled so far per partition key and kind (write = <see langword="true"/>).</summary>
    public IReadOnlyDictionary<(PartitionRef Partition, bool Write), double> Consumed => consumed;

    /// <summary>
    /// Reserves <paramref name="charges"/> if every bucket holds its share, and returns <see langword="null"/>;
    /// otherwise reserves nothing and returns the first charge that does not fit.
    /// </summary>
    public Charge? TryAdmit(IReadOnlyList<Charge> charges, double now)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var perBucket = Sum(charges);
        foreach (var ((partition, write), units) in perBucket)
        {
            if (!Bucket(partition, write, now).CanTake(units, now))
            {
                return new Charge(partition, write, units);
            }
        }

        foreach (var ((partition, write), units) in perBucket)
        {
            Bucket(partition, write, now).Take(units, now);
        }

        return null;
    }

    /// <summary>Replaces the <paramref name="reserved"/> estimates by the <paramref name="actual"/> charges.</summary>
    public void Settle(IReadOnlyList<Charge> reserved, IReadOnlyList<Charge> actual, double now)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(actual);
        foreach (var charge in reserved)
        {
            Bucket(charge.Partition, charge.Write, now).Take(-charge.Units, now);
        }

        Charge(actual, now);
    }

    /// <summary>Takes <paramref name="charges"/> as spent (an answer without reported units keeps its estimate).</summary>
    public void Charge(IReadOnlyList<Charge> charges, double now)
    {
        ArgumentNullException.ThrowIfNull(charges);
        foreach (var charge in charges)
        {
            Bucket(charge.Partition, charge.Write, now).Take(charge.Units, now);
            consumed[(charge.Partition, charge.Write)] = consumed.GetValueOrDefault((charge.Partition, charge.Write)) + charge.Units;
        }
    }

    /// <summary>Gives back <paramref name="reserved"/> units of a request that was not sent after all.</summary>
    public void Refund(IReadOnlyList<Charge> reserved, double now)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        foreach (var charge in reserved)
        {
            Bucket(charge.Partition, charge.Write, now).Take(-charge.Units, now);
        }
    }

    /// <summary>The units a partition key's bucket holds now (a full bucket if never used).</summary>
    public double Balance(PartitionRef partition, bool write, double now) => Bucket(partition, write, now).Balance(now);

    private TokenBucket Bucket(PartitionRef partition, bool write, double now)
    {
        if (!buckets.TryGetValue((partition, write), out var bucket))
        {
            bucket = write
                ? new TokenBucket(options.WriteUnitsPerSecond, options.WriteBurst, now)
                : new TokenBucket(options.ReadUnitsPerSecond, options.ReadBurst, now);
            buckets[(partition, write)] = bucket;
        }

        return bucket;
    }

    private static Dictionary<(PartitionRef, bool), double> Sum(IReadOnlyList<Charge> charges)
    {
        var sums = new Dictionary<(PartitionRef, bool), double>();
        foreach (var c in charges)
        {
            sums[(c.Partition, c.Write)] = sums.GetValueOrDefault((c.Partition, c.Write)) + c.Units;
        }

        return sums;
    }
}
