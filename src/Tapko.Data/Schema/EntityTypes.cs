namespace Tapko.Data.Schema;

/// <summary>Values of <see cref="AttributeNames.EntityType"/>.</summary>
internal static class EntityTypes
{
    public const string Project = "project";
    public const string Feedback = "feedback";
    public const string ProjectClaim = "project-claim";

    /// <summary>One of a sharded project's head items: its open check and a share of its status counters.</summary>
    public const string ProjectHead = "project-head";
}
