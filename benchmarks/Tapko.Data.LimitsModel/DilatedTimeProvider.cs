namespace Tapko.Data.LimitsModel;

/// <summary>
/// The system clock for reading the time, with every timer stretched by a factor: given to the library under test so
/// its own retry backoff runs in the model's time while the ids and timestamps it mints stay real.
/// </summary>
public sealed class DilatedTimeProvider(double scale) : TimeProvider
{
    /// <summary>Real seconds per model second.</summary>
    public double Scale { get; } = scale >= 1 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "At least 1.");

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Stretch(dueTime), Stretch(period));

    private TimeSpan Stretch(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span * Scale;
}
