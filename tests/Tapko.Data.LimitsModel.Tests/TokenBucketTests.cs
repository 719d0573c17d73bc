namespace Tapko.Data.LimitsModel.Tests;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_new_bucket_is_full()
    {
        var bucket = new TokenBucket(rate: 1_000, capacity: 1_000, now: 5);

        bucket.Balance(5).Should().Be(1_000);
        bucket.CanTake(1_000, 5).Should().BeTrue();
        bucket.CanTake(1_000.5, 5).Should().BeTrue("an estimate above the capacity needs a full bucket, not more than one");
    }

    [Fact]
    public void Taking_and_refilling_follow_the_rate()
    {
        var bucket = new TokenBucket(rate: 1_000, capacity: 1_000, now: 0);

        bucket.Take(800, 0);
        bucket.Balance(0).Should().Be(200);
        bucket.Balance(0.1).Should().BeApproximately(300, 1e-9);
        bucket.CanTake(400, 0.1).Should().BeFalse();
        bucket.CanTake(400, 0.2).Should().BeTrue();
    }

    [Fact]
    public void Refill_stops_at_the_capacity()
    {
        var bucket = new TokenBucket(rate: 3_000, capacity: 3_000, now: 0);

        bucket.Take(3_000, 0);
        bucket.Balance(100).Should().Be(3_000);
        bucket.Take(-50, 100);
        bucket.Balance(100).Should().Be(3_000, "units given back never overfill the bucket");
    }

    [Fact]
    public void A_debt_is_waited_out_at_the_rate()
    {
        var bucket = new TokenBucket(rate: 1_000, capacity: 1_000, now: 0);

        bucket.Take(1_250, 0);
        bucket.Balance(0).Should().Be(-250);
        bucket.CanTake(1, 0.25).Should().BeFalse("the debt is only just repaid");
        bucket.Balance(0.25).Should().BeApproximately(0, 1e-9);
        bucket.CanTake(1, 0.252).Should().BeTrue();
    }

    [Fact]
    public void The_sustained_rate_is_the_refill_rate_whatever_the_demand()
    {
        // Offer 5 units every millisecond (5,000/s) for 10 s to a 1,000/s bucket: what it admits is its rate times the
        // time plus the one burst it started with.
        var bucket = new TokenBucket(rate: 1_000, capacity: 1_000, now: 0);
        var admitted = 0.0;
        for (var ms = 0; ms < 10_000; ms++)
        {
            var now = ms / 1_000.0;
            if (bucket.CanTake(5, now))
            {
                bucket.Take(5, now);
                admitted += 5;
            }
        }

        admitted.Should().BeInRange(10_000, 11_000);
    }
}
