namespace Tapko.Data;

/// <summary>
/// The item changed since the caller last saw it: an expected version or expected status no longer holds. Nothing
/// was written. Re-read and decide again; hosts typically map it to HTTP 409 or 412.
/// </summary>
public sealed class ConcurrencyConflictException : TapkoException
{
    internal ConcurrencyConflictException(string message, string? actual, Exception? innerException = null)
        : base(message, innerException)
    {
        Actual = actual;
    }

    /// <summary>The current value that failed the expectation (a status wire name or a version), when DynamoDB returned it.</summary>
    public string? Actual { get; }
}
