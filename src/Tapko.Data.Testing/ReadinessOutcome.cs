namespace Tapko.Data.Testing;

internal enum ReadinessOutcome
{
    Ready,
    Exited,
    TimedOut,
}
