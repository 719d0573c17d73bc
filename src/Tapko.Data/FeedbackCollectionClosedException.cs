namespace Tapko.Data;

/// <summary>
/// The project exists but is not collecting feedback (<see cref="Project.IsCollectingFeedback"/> is
/// <see langword="false"/>), so the submission was refused and nothing was written. Hosts map it to HTTP 400.
/// </summary>
public sealed class FeedbackCollectionClosedException : TapkoException
{
    internal FeedbackCollectionClosedException(ProjectKey project, Exception? innerException = null)
        : base($"Project '{project.ProjectId}' is not collecting feedback; the submission was refused.", innerException)
    {
        Project = project;
    }

    /// <summary>The project that refused the submission.</summary>
    public ProjectKey Project { get; }
}
