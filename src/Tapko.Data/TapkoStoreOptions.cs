using System.ComponentModel.DataAnnotations;

namespace Tapko.Data;

/// <summary>Configuration of the Tapko stores.</summary>
public sealed class TapkoStoreOptions
{
    /// <summary>The configuration section the options are conventionally bound from: <c>Tapko</c>.</summary>
    public const string SectionName = "Tapko";

    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "tapko";

    /// <summary>The DynamoDB table holding projects and feedback. Default <c>tapko</c>.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9_.-]{3,255}$", ErrorMessage = "TableName must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB's rule).")]
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Whether table reads (GetItem, base-table Query) are strongly consistent. Costs twice the read units. Queries on
    /// the status index are always eventually consistent (DynamoDB offers nothing else for a global index).
    /// </summary>
    public bool ConsistentReads { get; set; }

    /// <summary>How submissions check the project; <see cref="Data.SubmitMode.Transactional"/> by default.</summary>
    [EnumDataType(typeof(SubmitMode), ErrorMessage = "SubmitMode must be Transactional, ReadThenWrite or CachedCheck.")]
    public SubmitMode SubmitMode { get; set; } = SubmitMode.Transactional;

    /// <summary>
    /// With <see cref="Data.SubmitMode.CachedCheck"/>: how long a project's state read for a submission serves the next
    /// ones in this process, and so the longest a close made elsewhere takes to stop them. Default 5 seconds.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:00.100", "00:05:00")]
    public TimeSpan SubmitCheckCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How per-status counts are kept for <see cref="IFeedbackStore.GetStatusCountsAsync"/>;
    /// <see cref="StatusCountsMode.Streamed"/> (from the table's change feed) by default. The modes' costs and guarantees
    /// are on <see cref="StatusCountsMode"/>.
    /// </summary>
    [EnumDataType(typeof(StatusCountsMode), ErrorMessage = "StatusCounts must be Streamed, Maintained or None.")]
    public StatusCountsMode StatusCounts { get; set; } = StatusCountsMode.Streamed;

    /// <summary>
    /// With <see cref="StatusCountsMode.Streamed"/>: how far behind the table's changes the projector may be, by its last
    /// report, before a count read refuses with <see cref="StatusCountsUnavailableException"/> instead of returning
    /// numbers that may miss changes. Also the longest a projector may go without reporting. Default 5 minutes.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:05", "1.00:00:00")]
    public TimeSpan StatusCountsMaxLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What the status index carries, which the table must have been created with (<see cref="TapkoTable"/>):
    /// <see cref="Data.StatusIndexProjection.Rows"/> (triage rows, the default) or <see cref="Data.StatusIndexProjection.Full"/>.
    /// </summary>
    [EnumDataType(typeof(StatusIndexProjection), ErrorMessage = "StatusIndexProjection must be Rows or Full.")]
    public StatusIndexProjection StatusIndexProjection { get; set; } = StatusIndexProjection.Rows;

    /// <summary>
    /// A secret of at least 32 bytes that signs continuation tokens with HMAC-SHA256, so clients cannot forge them.
    /// Without it tokens are still bound to their query and checked for corruption.
    /// </summary>
    [DependencyInjection.MinimumBytes(Paging.ContinuationTokenCodec.MinimumKeyBytes)]
    public byte[]? CursorSigningKey { get; set; }

    /// <summary>AWS region for the client the library creates when the host registered no <c>IAmazonDynamoDB</c>, e.g. <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint for the client the library creates (DynamoDB Local, a proxy). Overrides <see cref="Region"/> for routing.</summary>
    [DependencyInjection.AbsoluteUrl]
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Retries of throttled or failed requests by the client the library creates (the SDK's standard retry mode).
    /// Default 3, so a request gives up within a few seconds instead of the SDK's longer DynamoDB default; a host that
    /// registers its own client keeps its own setting.
    /// </summary>
    [DependencyInjection.IntRange(0, 20)]
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>
    /// Attempts at a batch of deletes whose items DynamoDB returned as unprocessed (throttling), with exponential
    /// backoff between them. Default 8.
    /// </summary>
    [DependencyInjection.IntRange(1, 50)]
    public int BatchWriteMaxAttempts { get; set; } = 8;

    /// <summary>
    /// Attempts at a transactional submission that DynamoDB cancelled for a transaction conflict (a concurrent
    /// transaction on the same project). Retries reuse the client request token, so they never duplicate. Default 5.
    /// </summary>
    [DependencyInjection.IntRange(1, 50)]
    public int TransactionConflictMaxAttempts { get; set; } = 5;

    /// <summary>
    /// How far in the past the timestamp of a caller-chosen <see cref="NewFeedback.Id"/> may lie. Default 15 minutes:
    /// longer than DynamoDB's 10-minute idempotency window, so an honest client retrying a submission with the id it
    /// minted is still accepted, while nobody can date feedback to 1970.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan FeedbackIdMaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far ahead of the store's clock the timestamp of a caller-chosen <see cref="NewFeedback.Id"/> may lie (clock
    /// skew between the client and the service). Default 1 minute, so nobody can pin feedback ahead of all that follows.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan FeedbackIdMaxLead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many project-id owners the stores keep in memory (see <see cref="IFeedbackStore"/>): a cached owner saves the
    /// one-read-unit claim lookup before a feedback call. Default 10,000; 0 turns the cache off.
    /// </summary>
    [DependencyInjection.IntRange(0, 10_000_000)]
    public int ProjectOwnerCacheSize { get; set; } = 10_000;

    /// <summary>
    /// How long a cached project-id owner is used before it is read again. A project's owner never changes while it
    /// lives, and every request re-checks it, so this only bounds how long a deleted project's former owner keeps
    /// skipping the lookup. Default 5 minutes.
    /// </summary>
    [DependencyInjection.TimeSpanRange("00:00:00.001", "1.00:00:00")]
    public TimeSpan ProjectOwnerCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A validated copy, so a host changing its options object later changes nothing in a running store. The rules are
    /// the attributes above, checked by the same source-generated validator a host's <c>ValidateOnStart</c> runs.
    /// </summary>
    internal TapkoStoreOptions Snapshot()
    {
        var result = new DependencyInjection.TapkoStoreOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException("Invalid Tapko store options: " + string.Join(" ", result.Failures ?? []), "options");
        }

        var copy = (TapkoStoreOptions)MemberwiseClone();
        copy.CursorSigningKey = (byte[]?)CursorSigningKey?.Clone();
        return copy;
    }
}
