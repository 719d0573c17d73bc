namespace Tapko.Data;

/// <summary>
/// The project or feedback does not exist, or belongs to another owner: the two are deliberately indistinguishable.
/// Hosts typically map it to HTTP 404.
/// </summary>
public sealed class TapkoNotFoundException : TapkoException
{
    internal TapkoNotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    internal static TapkoNotFoundException Project(ProjectKey project, Exception? inner = null) =>
        new($"Project '{project.ProjectId}' of owner '{project.Owner}' was not found.", inner);

    /// <summary>For a caller that knows only the project id (the widget): the message names no owner.</summary>
    internal static TapkoNotFoundException ProjectId(ProjectId projectId, Exception? inner = null) =>
        new($"Project '{projectId}' was not found.", inner);

    internal static TapkoNotFoundException Feedback(ProjectKey project, FeedbackId id, Exception? inner = null) =>
        new($"Feedback '{id}' was not found in project '{project.ProjectId}' of owner '{project.Owner}'.", inner);
}
