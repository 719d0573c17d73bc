namespace Tapko.Data.LimitsModel;

/// <summary>
/// One partition key's units of one kind (read or write): refilled at <see cref="Rate"/> per model second up to
/// <see cref="Capacity"/>. A request is admitted only if the bucket holds its estimate, which is then reserved; the
/// answer's reported units settle the difference, so the balance can go below zero (a debt that later requests wait
/// out). Pure arithmetic on the model time it is given; not thread-safe (the model holds one lock over all buckets).
/// </summary>
public sealed class TokenBucket
{
    private double balance;
    private double updatedAt;

    /// <summary>A full bucket at model time <paramref name="now"/>.</summary>
    public TokenBucket(double rate, double capacity, double now)
    {
        Rate = rate;
        Capacity = capacity;
        balance = capacity;
        updatedAt = now;
    }

    /// <summary>Units per model second.</summary>
    public double Rate { get; }

    /// <summary>The most units the bucket holds.</summary>
    public double Capacity { get; }

    /// <summary>The units available at <paramref name="now"/> (negative while in debt).</summary>
    public double Balance(double now)
    {
        Refill(now);
        return balance;
    }

    /// <summary>Whether <paramref name="units"/> are available now (an estimate above the capacity needs a full bucket).</summary>
    public bool CanTake(double units, double now) => Balance(now) >= Math.Min(units, Capacity);

    /// <summary>Takes <paramref name="units"/> (negative gives units back), whatever the balance.</summary>
    public void Take(double units, double now)
    {
        Refill(now);
        balance = Math.Min(Capacity, balance - units);
    }

    private void Refill(double now)
    {
        if (now > updatedAt)
        {
            balance = Math.Min(Capacity, balance + ((now - updatedAt) * Rate));
            updatedAt = now;
        }
    }
}
