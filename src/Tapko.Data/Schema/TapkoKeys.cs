namespace Tapko.Data.Schema;

/// <summary>
/// The key templates of the table's primary index. The status index declares its own templates
/// (<see cref="StatusIndex"/>); no other code writes a key string.
/// </summary>
/// <remarks>
/// <code>
/// item      PK                    SK                      GSI1PK                GSI1SK
/// project   USER#&lt;userId&gt;        PROJECT#&lt;projectId&gt;     -                     -
/// feedback  PROJECT#&lt;projectId&gt;  FEEDBACK#&lt;feedbackId&gt;   PROJECT#&lt;projectId&gt;  STATUS#&lt;status&gt;#&lt;createdAt&gt;
/// claim     PROJECT#&lt;projectId&gt;  CLAIM                   -                     -
/// </code>
/// The claim makes a project id unique across owners: it is written with the project in one transaction and names
/// the owner, so the feedback partition <c>PROJECT#&lt;projectId&gt;</c> only ever holds one owner's items.
/// <c>CLAIM</c> sorts before every <c>FEEDBACK#</c> key, so no feedback query reads it.
/// </remarks>
internal static class TapkoKeys
{
    private const string UserPrefix = "USER#";
    internal const string ProjectPrefix = "PROJECT#";
    internal const string FeedbackPrefix = "FEEDBACK#";

    /// <summary>Key of a project item.</summary>
    public static TapkoItemKey Project(ProjectKey project) =>
        new(UserPartition(project.Owner), ProjectPrefix + project.ProjectId.Require(nameof(project)));

    /// <summary>Key of a feedback item.</summary>
    public static TapkoItemKey Feedback(ProjectId projectId, FeedbackId feedbackId) =>
        new(FeedbackPartition(projectId), FeedbackPrefix + feedbackId.Require(nameof(feedbackId)));

    /// <summary>The sort key of a project-id claim. It has no <c>#</c>, so no <c>FEEDBACK#&lt;id&gt;</c> key can equal it.</summary>
    internal const string ClaimSortKey = "CLAIM";

    /// <summary>Key of the claim that reserves a project id for one owner: <c>PROJECT#&lt;projectId&gt;</c> and <c>CLAIM</c>.</summary>
    public static TapkoItemKey ProjectClaim(ProjectId projectId) => new(FeedbackPartition(projectId), ClaimSortKey);

    /// <summary>The partition holding a user's projects: <c>USER#&lt;userId&gt;</c>.</summary>
    public static string UserPartition(UserId owner) => UserPrefix + owner.Require(nameof(owner));

    /// <summary>The partition holding a project's feedback and claim, in the table and in the status index: <c>PROJECT#&lt;projectId&gt;</c>.</summary>
    public static string FeedbackPartition(ProjectId projectId) => ProjectPrefix + projectId.Require(nameof(projectId));

    public static string ProjectSortKeyPrefix => ProjectPrefix;

    public static string FeedbackSortKeyPrefix => FeedbackPrefix;

    public static string FeedbackSortKey(FeedbackId id) => FeedbackPrefix + id.Require(nameof(id));

    /// <summary>Recovers the id from a sort key written by this class, or returns <see langword="null"/>.</summary>
    public static string? IdFromSortKey(string? sortKey, string prefix) =>
        sortKey is not null && sortKey.StartsWith(prefix, StringComparison.Ordinal) ? sortKey[prefix.Length..] : null;
}
