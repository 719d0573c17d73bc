namespace Tapko.Data;

/// <summary>
/// An item with the same key already exists and is not the same submission: a project created twice, or a feedback id
/// reused for different content. Hosts typically map it to HTTP 409.
/// </summary>
public sealed class DuplicateItemException : TapkoException
{
    internal DuplicateItemException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
