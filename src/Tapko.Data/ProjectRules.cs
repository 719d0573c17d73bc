namespace Tapko.Data;

/// <summary>Limits on project fields, checked before any request.</summary>
public static class ProjectRules
{
    /// <summary>The longest project name accepted, in UTF-16 characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// The most feedback shards a project may have (see <see cref="ProjectOptions.FeedbackShards"/>):
    /// a page of a sharded project queries every shard.
    /// </summary>
    public const int MaxFeedbackShards = 32;
}
