namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>A clock that only moves when the test says so; timers still run on real time.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public DateTimeOffset Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
            return now;
        }
    }

    public void Set(DateTimeOffset to)
    {
        lock (gate)
        {
            now = to;
        }
    }
}
