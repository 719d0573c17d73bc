namespace Tapko.Data;

/// <summary>How a new project is set up: <see cref="IProjectStore.CreateAsync(ProjectKey, string, ProjectOptions, CancellationToken)"/>.</summary>
public sealed record ProjectOptions
{
    /// <summary>Whether the widget may submit right away. Default <see langword="true"/>.</summary>
    public bool IsCollectingFeedback { get; init; } = true;

    /// <summary>
    /// The number of partition keys the project spreads its feedback over, fixed for its life: 1 (the default, the
    /// unsharded layout) to <see cref="ProjectRules.MaxFeedbackShards"/>. Shard a project expected to take more
    /// submissions a second than one key allows (about 100 with the default transactional submit; docs/scale.md).
    /// </summary>
    public int FeedbackShards { get; init; } = 1;

    /// <summary>
    /// How long the project keeps its feedback (expiring it with DynamoDB's time to live); changeable later with
    /// <see cref="IProjectStore.SetRetentionAsync"/>. Needs <see cref="StatusCountsMode.Streamed"/> or
    /// <see cref="StatusCountsMode.None"/>. <see cref="FeedbackRetention.KeepForever"/> by default.
    /// </summary>
    public FeedbackRetention Retention { get; init; } = FeedbackRetention.KeepForever;
}
