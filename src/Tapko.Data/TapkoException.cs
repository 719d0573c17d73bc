namespace Tapko.Data;

/// <summary>
/// Base of every domain failure the stores report. AWS faults that are not domain failures (throttling past the
/// retry budget, network errors, a missing table) are not wrapped: they propagate as the SDK threw them.
/// </summary>
public abstract class TapkoException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, for a developer.</param>
    /// <param name="innerException">The AWS exception that signalled it, if any.</param>
    protected TapkoException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
