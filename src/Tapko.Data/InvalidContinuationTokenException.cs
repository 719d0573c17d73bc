namespace Tapko.Data;

/// <summary>
/// A continuation token was malformed, modified, or produced by another query (another owner, project, index, status,
/// order or range). Hosts typically map it to HTTP 400.
/// </summary>
public sealed class InvalidContinuationTokenException : TapkoException
{
    internal InvalidContinuationTokenException(string reason)
        : base($"The continuation token is not valid for this query: {reason}.")
    {
    }
}
