namespace Tapko.Data;

/// <summary>Configuration of the Tapko stores.</summary>
public sealed class TapkoStoreOptions
{
    /// <summary>The configuration section the options are conventionally bound from: <c>Tapko</c>.</summary>
    public const string SectionName = "Tapko";

    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "tapko";

    /// <summary>The DynamoDB table holding projects and feedback. Default <c>tapko</c>.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Whether table reads (GetItem, base-table Query) are strongly consistent. Costs twice the read units. Queries on
    /// the status index are always eventually consistent (DynamoDB offers nothing else for a global index).
    /// </summary>
    public bool ConsistentReads { get; set; }

    /// <summary>How submissions check the project; <see cref="Data.SubmitMode.Transactional"/> by default.</summary>
    public SubmitMode SubmitMode { get; set; } = SubmitMode.Transactional;

    /// <summary>
    /// A secret of at least 32 bytes that signs continuation tokens with HMAC-SHA256, so clients cannot forge them.
    /// Without it tokens are still bound to their query and checked for corruption.
    /// </summary>
    public byte[]? CursorSigningKey { get; set; }

    /// <summary>AWS region for the client the library creates when the host registered no <c>IAmazonDynamoDB</c>, e.g. <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint for the client the library creates (DynamoDB Local, a proxy). Overrides <see cref="Region"/> for routing.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Retries of throttled or failed requests by the client the library creates (the SDK's standard retry mode).
    /// Default 3, so a request gives up within a few seconds instead of the SDK's longer DynamoDB default; a host that
    /// registers its own client keeps its own setting.
    /// </summary>
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>
    /// Attempts at a batch of deletes whose items DynamoDB returned as unprocessed (throttling), with exponential
    /// backoff between them. Default 8.
    /// </summary>
    public int BatchWriteMaxAttempts { get; set; } = 8;

    /// <summary>
    /// Attempts at a transactional submission that DynamoDB cancelled for a transaction conflict (a concurrent
    /// transaction on the same project). Retries reuse the client request token, so they never duplicate. Default 5.
    /// </summary>
    public int TransactionConflictMaxAttempts { get; set; } = 5;

    /// <summary>
    /// How far in the past the timestamp of a caller-chosen <see cref="NewFeedback.Id"/> may lie. Default 15 minutes:
    /// longer than DynamoDB's 10-minute idempotency window, so an honest client retrying a submission with the id it
    /// minted is still accepted, while nobody can date feedback to 1970.
    /// </summary>
    public TimeSpan FeedbackIdMaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far ahead of the store's clock the timestamp of a caller-chosen <see cref="NewFeedback.Id"/> may lie (clock
    /// skew between the client and the service). Default 1 minute, so nobody can pin feedback ahead of all that follows.
    /// </summary>
    public TimeSpan FeedbackIdMaxLead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many project-id owners the stores keep in memory (see <see cref="IFeedbackStore"/>): a cached owner saves the
    /// one-read-unit claim lookup before a feedback call. Default 10,000; 0 turns the cache off.
    /// </summary>
    public int ProjectOwnerCacheSize { get; set; } = 10_000;

    /// <summary>
    /// How long a cached project-id owner is used before it is read again. A project's owner never changes while it
    /// lives, and every request re-checks it, so this only bounds how long a deleted project's former owner keeps
    /// skipping the lookup. Default 5 minutes.
    /// </summary>
    public TimeSpan ProjectOwnerCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns every broken rule, empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        try
        {
            TapkoTable.ValidateTableName(TableName, nameof(TableName));
        }
        catch (ArgumentException e)
        {
            errors.Add($"{nameof(TableName)}: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        if (!Enum.IsDefined(SubmitMode))
        {
            errors.Add($"{nameof(SubmitMode)} must be Transactional or ReadThenWrite.");
        }

        if (CursorSigningKey is { Length: < Paging.ContinuationTokenCodec.MinimumKeyBytes })
        {
            errors.Add($"{nameof(CursorSigningKey)} must be at least {Paging.ContinuationTokenCodec.MinimumKeyBytes} bytes (was {CursorSigningKey.Length}).");
        }

        if (ServiceUrl is not null && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{nameof(ServiceUrl)} must be an absolute URL (was '{ServiceUrl}').");
        }

        if (MaxErrorRetry is < 0 or > 20)
        {
            errors.Add($"{nameof(MaxErrorRetry)} must be between 0 and 20 (was {MaxErrorRetry}).");
        }

        if (BatchWriteMaxAttempts is < 1 or > 50)
        {
            errors.Add($"{nameof(BatchWriteMaxAttempts)} must be between 1 and 50 (was {BatchWriteMaxAttempts}).");
        }

        if (TransactionConflictMaxAttempts is < 1 or > 50)
        {
            errors.Add($"{nameof(TransactionConflictMaxAttempts)} must be between 1 and 50 (was {TransactionConflictMaxAttempts}).");
        }

        if (FeedbackIdMaxAge < TimeSpan.Zero || FeedbackIdMaxAge > TimeSpan.FromDays(1))
        {
            errors.Add($"{nameof(FeedbackIdMaxAge)} must be between 0 and 1 day (was {FeedbackIdMaxAge}).");
        }

        if (FeedbackIdMaxLead < TimeSpan.Zero || FeedbackIdMaxLead > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(FeedbackIdMaxLead)} must be between 0 and 1 hour (was {FeedbackIdMaxLead}).");
        }

        if (ProjectOwnerCacheSize is < 0 or > 10_000_000)
        {
            errors.Add($"{nameof(ProjectOwnerCacheSize)} must be between 0 and 10,000,000 (was {ProjectOwnerCacheSize}).");
        }

        if (ProjectOwnerCacheLifetime <= TimeSpan.Zero || ProjectOwnerCacheLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{nameof(ProjectOwnerCacheLifetime)} must be more than 0 and at most 1 day (was {ProjectOwnerCacheLifetime}).");
        }

        return errors;
    }

    internal TapkoStoreOptions Snapshot()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Tapko store options: " + string.Join(" ", errors), "options");
        }

        var copy = (TapkoStoreOptions)MemberwiseClone();
        copy.CursorSigningKey = (byte[]?)CursorSigningKey?.Clone();
        return copy;
    }
}
