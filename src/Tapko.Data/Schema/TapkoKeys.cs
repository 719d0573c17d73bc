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
/// A sharded project (<see cref="ShardLayout"/>, K &gt; 1) keeps its project item and claim as above, puts feedback
/// shard n at <c>PROJECT#&lt;projectId&gt;#&lt;nn&gt;</c> (PK and GSI1PK; the sort keys unchanged) and head h at
/// <c>PROJECT#&lt;projectId&gt;#HEAD#&lt;hh&gt;</c> / <c>HEAD</c>. Ids never contain <c>#</c>, so none of these keys
/// equals another project's.
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

    /// <summary>The sort key of a head item, alone in its partition.</summary>
    internal const string HeadSortKey = "HEAD";

    private const string HeadInfix = "#HEAD#";

    /// <summary>Key of head <paramref name="head"/> of a sharded project: <c>PROJECT#&lt;projectId&gt;#HEAD#&lt;hh&gt;</c>, <c>HEAD</c>.</summary>
    public static TapkoItemKey Head(ProjectId projectId, int head) =>
        new(ProjectPrefix + projectId.Require(nameof(projectId)) + HeadInfix + Number(head), HeadSortKey);

    /// <summary>The partition of shard <paramref name="shard"/> of a project of several: <c>PROJECT#&lt;projectId&gt;#&lt;nn&gt;</c>.</summary>
    public static string ShardPartition(ProjectId projectId, int shard) => FeedbackPartition(projectId) + "#" + Number(shard);

    private static string Number(int n) => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// The partition of the library's own bookkeeping: the change feed's lease, heartbeat, shard checkpoints and dead
    /// letters. It has no <c>#</c>, and every seed key has one, so no project or feedback key can equal it.
    /// </summary>
    internal const string BookkeepingPartition = "TAPKO";

    /// <summary>Key of one of the change feed's bookkeeping items: <c>TAPKO</c> and <c>FEED#&lt;name&gt;</c>.</summary>
    public static TapkoItemKey Feed(string name) => new(BookkeepingPartition, "FEED#" + name);

    /// <summary>The shard number of a feedback item's partition key (0 for the unsharded <c>PROJECT#&lt;projectId&gt;</c>).</summary>
    public static int ShardOfPartition(string partitionKey, ProjectId projectId)
    {
        var unsharded = FeedbackPartition(projectId);
        return partitionKey.Length == unsharded.Length + 3 && partitionKey.StartsWith(unsharded + "#", StringComparison.Ordinal)
            && int.TryParse(partitionKey.AsSpan(unsharded.Length + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var shard)
            ? shard
            : 0;
    }

    /// <summary>Recovers the id from a sort key written by this class, or returns <see langword="null"/>.</summary>
    public static string? IdFromSortKey(string? sortKey, string prefix) =>
        sortKey is not null && sortKey.StartsWith(prefix, StringComparison.Ordinal) ? sortKey[prefix.Length..] : null;
}
