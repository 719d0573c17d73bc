namespace Tapko.Data;

/// <summary>A project: a container for feedback, owned by one user.</summary>
/// <param name="Key">Owner and id.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsCollectingFeedback">Whether the widget may submit feedback; when <see langword="false"/> submissions throw <see
/// cref="FeedbackCollectionClosedException"/>.</param>
/// <param name="CreatedAt">When the project was created (UTC, millisecond precision).</param>
/// <param name="UpdatedAt">When the project last changed (UTC, millisecond precision).</param>
/// <param name="Version">Incremented by every change; pass it to <see cref="IProjectStore.RenameAsync"/> for optimistic concurrency.</param>
public sealed record Project(
    ProjectKey Key,
    string Name,
    bool IsCollectingFeedback,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>
    /// The number of partition-key shards the project spreads its feedback over, fixed at creation
    /// (<see cref="ProjectOptions.FeedbackShards"/>); 1, the default, is the
    /// unsharded layout every project has unless it opts in. See docs/scale.md.
    /// </summary>
    /// <remarks>JSON without it (written before sharding existed) reads as 1.</remarks>
    public int FeedbackShards
    {
        get => Math.Max(1, feedbackShards);
        init => feedbackShards = value;
    }

    private readonly int feedbackShards = 1;

    /// <summary>
    /// How long the project keeps its feedback (<see cref="IProjectStore.SetRetentionAsync"/>);
    /// <see cref="FeedbackRetention.KeepForever"/> unless set.
    /// </summary>
    /// <remarks>JSON without it (written before retention existed) reads as <see cref="FeedbackRetention.KeepForever"/>.</remarks>
    public FeedbackRetention Retention
    {
        get => retention;
        init => retention = value ?? FeedbackRetention.KeepForever;
    }

    private readonly FeedbackRetention retention = FeedbackRetention.KeepForever;
}
