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
}
