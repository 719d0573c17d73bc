using System.Globalization;

namespace Tapko.Data;

/// <summary>
/// The single-table schema: every key string and attribute name the library writes comes from here and nowhere else.
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
/// GSI1 is sparse: project items carry no GSI1 attributes. <c>createdAt</c> is fixed-width UTC ISO-8601 with
/// milliseconds, so string order is time order.
/// </remarks>
public static class TapkoKeys
{
    /// <summary>Partition-key attribute of the table.</summary>
    public const string PartitionKey = "PK";

    /// <summary>Sort-key attribute of the table.</summary>
    public const string SortKey = "SK";

    /// <summary>Name of the status index.</summary>
    public const string StatusIndexName = "GSI1";

    /// <summary>Partition-key attribute of the status index.</summary>
    public const string StatusIndexPartitionKey = "GSI1PK";

    /// <summary>Sort-key attribute of the status index.</summary>
    public const string StatusIndexSortKey = "GSI1SK";

    internal const string UserPrefix = "USER#";
    internal const string ProjectPrefix = "PROJECT#";
    internal const string FeedbackPrefix = "FEEDBACK#";
    internal const string StatusPrefix = "STATUS#";

    /// <summary>The sort key of a project-id claim. It has no <c>#</c>, so no <c>FEEDBACK#&lt;id&gt;</c> key can equal it.</summary>
    internal const string ClaimSortKey = "CLAIM";

    /// <summary>The layout of <c>createdAt</c> and <c>updatedAt</c>: fixed-width UTC ISO-8601, e.g. <c>2026-11-24T15:43:45.123Z</c>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Key of a project item.</summary>
    /// <param name="project">Owner and project id.</param>
    public static TapkoItemKey Project(ProjectKey project) =>
        new(UserPartition(project.Owner), ProjectPrefix + project.ProjectId.Require(nameof(project)));

    /// <summary>Key of a feedback item.</summary>
    /// <param name="projectId">The project the feedback belongs to.</param>
    /// <param name="feedbackId">The feedback.</param>
    public static TapkoItemKey Feedback(ProjectId projectId, FeedbackId feedbackId) =>
        new(FeedbackPartition(projectId), FeedbackPrefix + feedbackId.Require(nameof(feedbackId)));

    /// <summary>Key of the claim that reserves a project id for one owner: <c>PROJECT#&lt;projectId&gt;</c> and <c>CLAIM</c>.</summary>
    /// <param name="projectId">The claimed project id.</param>
    internal static TapkoItemKey ProjectClaim(ProjectId projectId) => new(FeedbackPartition(projectId), ClaimSortKey);

    /// <summary>The status-index key of a feedback item: <c>PROJECT#&lt;projectId&gt;</c> and <c>STATUS#&lt;status&gt;#&lt;createdAt&gt;</c>.</summary>
    /// <param name="projectId">The project the feedback belongs to.</param>
    /// <param name="status">The feedback's status.</param>
    /// <param name="feedbackId">The feedback; its timestamp is the created-at part.</param>
    public static TapkoItemKey StatusIndex(ProjectId projectId, FeedbackStatus status, FeedbackId feedbackId) =>
        new(FeedbackPartition(projectId), StatusSortKey(status, feedbackId.CreatedAt));

    /// <summary>The partition holding a user's projects: <c>USER#&lt;userId&gt;</c>.</summary>
    /// <param name="owner">The user.</param>
    public static string UserPartition(UserId owner) => UserPrefix + owner.Require(nameof(owner));

    /// <summary>The partition holding a project's feedback, in the table and in the status index: <c>PROJECT#&lt;projectId&gt;</c>.</summary>
    /// <param name="projectId">The project.</param>
    public static string FeedbackPartition(ProjectId projectId) => ProjectPrefix + projectId.Require(nameof(projectId));

    /// <summary>Formats a time the way the table stores it.</summary>
    /// <param name="time">Any time; converted to UTC.</param>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    internal static string ProjectSortKeyPrefix => ProjectPrefix;

    internal static string FeedbackSortKeyPrefix => FeedbackPrefix;

    internal static string FeedbackSortKey(FeedbackId id) => FeedbackPrefix + id.Require(nameof(id));

    internal static string StatusSortKey(FeedbackStatus status, DateTimeOffset createdAt) =>
        StatusSortKeyPrefix(status) + FormatTimestamp(createdAt);

    /// <summary><c>STATUS#&lt;status&gt;#</c>: every status-index key of one status starts with it.</summary>
    internal static string StatusSortKeyPrefix(FeedbackStatus status) => StatusPrefix + status.ToWireName() + "#";

    /// <summary>Recovers the id from a sort key written by this class, or returns <see langword="null"/>.</summary>
    internal static string? IdFromSortKey(string? sortKey, string prefix) =>
        sortKey is not null && sortKey.StartsWith(prefix, StringComparison.Ordinal) ? sortKey[prefix.Length..] : null;

    /// <summary>Attribute names of the items. Only the store's mappers use them.</summary>
    internal static class Attributes
    {
        public const string EntityType = "type";
        public const string UserId = "userId";
        public const string ProjectId = "projectId";
        public const string FeedbackId = "feedbackId";
        public const string Name = "name";
        public const string IsCollectingFeedback = "isCollectingFeedback";
        public const string Version = "version";
        public const string DeletingSince = "deletingSince";
        public const string Message = "message";
        public const string Status = "status";
        public const string Payload = "payload";
        public const string CreatedAt = "createdAt";
        public const string UpdatedAt = "updatedAt";

        /// <summary>
        /// A random id minted when a project is created, stored on its item, its claim and every feedback item it
        /// accepts. A project deleted and created again under the same id gets a new one, so feedback left behind by an
        /// earlier life of the id (see docs/table.md) never shows in a later one.
        /// </summary>
        public const string Incarnation = "incarnation";

        /// <summary>
        /// A random id of the last conditional update, written with it. When the SDK retries a request whose first
        /// attempt was applied but whose answer was lost, the retry's condition fails; finding its own id here tells
        /// the store the write is its own, not a concurrent one.
        /// </summary>
        public const string WriteId = "writeId";
    }

    /// <summary>Values of <see cref="Attributes.EntityType"/>.</summary>
    internal static class EntityTypes
    {
        public const string Project = "project";
        public const string Feedback = "feedback";
        public const string ProjectClaim = "project-claim";
    }
}
