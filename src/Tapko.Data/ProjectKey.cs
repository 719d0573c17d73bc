namespace Tapko.Data;

/// <summary>
/// Addresses a project by its owner and its id. Every project and feedback operation takes one, and the store
/// enforces the owner inside the request itself, so another tenant's project looks exactly like a missing one.
/// </summary>
/// <param name="Owner">The tenant that owns the project.</param>
/// <param name="ProjectId">The project.</param>
public readonly record struct ProjectKey(UserId Owner, ProjectId ProjectId)
{
    /// <summary>Parses both parts, throwing <see cref="ArgumentException"/> naming the broken rule.</summary>
    /// <param name="owner">The owner's user id.</param>
    /// <param name="projectId">The project id.</param>
    public static ProjectKey Parse(string owner, string projectId) =>
        new(UserId.Parse(owner), ProjectId.Parse(projectId));

    /// <summary>Returns <c>owner/project</c>, for logs and messages.</summary>
    public override string ToString() => $"{Owner}/{ProjectId}";

    internal void Require(string paramName)
    {
        Owner.Require(paramName);
        ProjectId.Require(paramName);
    }
}
