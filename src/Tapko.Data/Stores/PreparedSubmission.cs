namespace Tapko.Data.Stores;

/// <summary>A submission whose every input rule has been checked, ready to become the item of any project's life.</summary>
internal sealed class PreparedSubmission
{
    /// <summary>Stands in for an owner the anonymous submit does not know yet: as long as any user id can be.</summary>
    private static readonly UserId LongestOwner = UserId.Parse(new string('u', IdRules.MaxLength));

    /// <summary>Stands in for the incarnation before the claim is read; every incarnation has this length.</summary>
    private static readonly string AnyIncarnation = ProjectClaim.NewIncarnation();

    /// <summary>A policy that gives every item an expiry: the item measured is as long as it can be stored.</summary>
    private static readonly FeedbackRetention ExpiringRetention = new() { MaxAgeDays = FeedbackRetention.MinMaxAgeDays };

    private readonly string message;
    private readonly System.Text.Json.JsonElement? payload;
    private readonly AttributeValue? payloadValue;

    private PreparedSubmission(FeedbackId id, string message, System.Text.Json.JsonElement? payload, AttributeValue? payloadValue, bool callerChoseId)
    {
        Id = id;
        this.message = message;
        this.payload = payload;
        this.payloadValue = payloadValue;
        CallerChoseId = callerChoseId;
    }

    public FeedbackId Id { get; }

    /// <summary>Whether the caller chose the id, so this may be a retry of a stored submission.</summary>
    public bool CallerChoseId { get; }

    /// <summary>
    /// Checks every rule of <paramref name="feedback"/> and mints its id; throws <see cref="ArgumentException"/> (or
    /// <see cref="ItemTooLargeException"/>) before any request. With no <paramref name="owner"/> (the anonymous submit),
    /// the size is checked as for the longest possible owner id, so the answer never depends on who owns the project.
    /// </summary>
    public static PreparedSubmission Prepare(NewFeedback feedback, ProjectId projectId, UserId? owner, TapkoStoreOptions options, TimeProvider time,
        string paramName)
    {
        ArgumentNullException.ThrowIfNull(feedback, paramName);
        var message = TextRules.RequireMessage(feedback.Message, paramName);
        var payloadValue = feedback.Payload is { } json ? PayloadConverter.ToAttributeValue(json, paramName) : null;
        if (feedback.Id is { HasValue: false })
        {
            throw new ArgumentException("NewFeedback.Id must be created with FeedbackId.New or FeedbackId.Parse, or left null.", paramName);
        }

        if (feedback.Id is { } chosen)
        {
            RequireRecent(chosen, options, time.GetUtcNow(), paramName);
        }

        var prepared = new PreparedSubmission(feedback.Id ?? FeedbackId.New(time), message, feedback.Payload, payloadValue, feedback.Id is not null);
        var sizing = new ProjectClaim(owner ?? LongestOwner, AnyIncarnation, ShardLayout.One) { Retention = ExpiringRetention };
        ItemSize.ThrowIfTooLarge(prepared.ItemFor(new ProjectKey(sizing.Owner, projectId), sizing).Item);
        return prepared;
    }

    /// <summary>
    /// The feedback as stored in the life of <paramref name="project"/> that <paramref name="claim"/> names, and its item.
    /// createdAt and updatedAt both come from the id, so a retry builds a byte-identical request: that is what
    /// DynamoDB's client request token needs to treat it as the same transaction.
    /// </summary>
    public (Feedback Stored, Dictionary<string, AttributeValue> Item) ItemFor(ProjectKey project, ProjectClaim claim)
    {
        var stored = new Feedback(project, Id, message, FeedbackStatus.Open, payload, Id.CreatedAt, Id.CreatedAt);
        var item = FeedbackItem.ToItem(stored, payloadValue, claim.Incarnation, claim.Shards);

        // An open item expires only by the project's maximum age, counted from the id's time: a retry writes the same.
        if (Expiry.For(claim.Retention, FeedbackStatus.Open, Id.CreatedAt, Id.CreatedAt) is { } expires)
        {
            item[AttributeNames.Ttl] = Expiry.ToAttribute(expires);
        }

        // A shard's key is a few bytes longer than the one-shard key Prepare measured.
        ItemSize.ThrowIfTooLarge(item);
        return (stored, item);
    }

    private static void RequireRecent(FeedbackId id, TapkoStoreOptions options, DateTimeOffset now, string paramName)
    {
        // A ULID's time orders the feedback, so a free choice would let a caller pin its feedback ahead of all others.
        // Compared as a difference: now +/- the window could leave DateTimeOffset's range; now - createdAt cannot.
        var age = now - id.CreatedAt;
        if (age > options.FeedbackIdMaxAge || -age > options.FeedbackIdMaxLead)
        {
            throw new ArgumentException(
                $"NewFeedback.Id is dated {Timestamps.Format(id.CreatedAt)}; a caller-chosen id must be dated between " +
                $"{options.FeedbackIdMaxAge.TotalMinutes:0.##} minutes before and {options.FeedbackIdMaxLead.TotalMinutes:0.##} minutes after " +
                $"the store's clock ({Timestamps.Format(now)}). Mint it with FeedbackId.New just before the first attempt.",
                paramName);
        }
    }
}
