namespace Tapko.Data.Schema;

/// <summary>Names of the items' non-key attributes. Key attributes belong to their index declarations.</summary>
internal static class AttributeNames
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

    /// <summary>Feedback counters on the project item, one per status (see <see cref="StatusCounters"/>).</summary>
    public const string OpenCount = "openCount";
    public const string InProgressCount = "inProgressCount";
    public const string ResolvedCount = "resolvedCount";

    /// <summary>
    /// The number of feedback shards of a project (see <see cref="Schema.ShardLayout"/>), on its item and its claim;
    /// absent means one shard.
    /// </summary>
    public const string FeedbackShards = "feedbackShards";

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

    /// <summary>
    /// The start of a feedback's message (<see cref="FeedbackRow.PreviewLength"/> characters), the part of the message
    /// the status index carries when it projects triage rows (<see cref="StatusIndexProjection.Rows"/>).
    /// </summary>
    public const string Preview = "preview";

    /// <summary>Set on a feedback item whose <see cref="Preview"/> is shorter than its message.</summary>
    public const string Truncated = "truncated";

    /// <summary>
    /// DynamoDB's time-to-live attribute (epoch seconds) of the table: feedback past it is expired, hidden from every
    /// read at once and removed by DynamoDB later (see <see cref="Schema.Expiry"/>). Bookkeeping items use it too.
    /// </summary>
    public const string Ttl = "ttl";

    /// <summary>
    /// On a project's claim, kept by the change feed's projector: for each of the project's feedback partitions, the
    /// sequence number of the last stream record applied to the counts (see <see cref="Schema.StreamedCounts"/>).
    /// </summary>
    public const string FeedPositions = "feedPos";

    /// <summary>On a project's claim: when the last change the projector applied to its counts happened.</summary>
    public const string CountedAt = "countedAt";

    /// <summary>
    /// On a project's claim: how many counted items of each status expire at each expiry instant and are not yet
    /// removed, so a count read leaves out what has expired the moment it expires.
    /// </summary>
    public const string Expiring = "expiring";
}
