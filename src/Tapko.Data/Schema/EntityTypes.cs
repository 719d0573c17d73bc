namespace Tapko.Data.Schema;

/// <summary>Values of <see cref="AttributeNames.EntityType"/>.</summary>
internal static class EntityTypes
{
    public const string Project = "project";
    public const string Feedback = "feedback";
    public const string ProjectClaim = "project-claim";

    /// <summary>One of a sharded project's head items: its open check and a share of its status counters.</summary>
    public const string ProjectHead = "project-head";

    /// <summary>The change feed's report of itself (<see cref="ChangeFeed.Heartbeat"/>).</summary>
    public const string FeedHeartbeat = "feed-heartbeat";

    /// <summary>The item a Lambda projector's scheduled tick writes, to see the stream flow.</summary>
    public const string FeedCanary = "feed-canary";

    /// <summary>How far the hosted projector has read one shard of the stream.</summary>
    public const string FeedCheckpoint = "feed-checkpoint";

    /// <summary>Which hosted projector reads the stream now.</summary>
    public const string FeedLease = "feed-lease";

    /// <summary>An event a handler kept failing on, kept to inspect and replay.</summary>
    public const string FeedDeadLetter = "feed-dead-letter";
}
