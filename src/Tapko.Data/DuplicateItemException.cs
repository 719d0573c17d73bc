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

    /// <summary>The id is held, by this owner or another: deliberately the same answer, which names nobody.</summary>
    internal static DuplicateItemException ProjectIdTaken(ProjectId projectId) =>
        new($"The project id '{projectId}' is already taken; mint another with ProjectId.New.");
}
