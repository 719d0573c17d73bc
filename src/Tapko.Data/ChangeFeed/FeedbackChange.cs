namespace Tapko.Data.ChangeFeed;

/// <summary>
/// A stream record of a feedback item, read for what it means to the project's counts and to its event handlers. Any
/// other item (projects, claims, heads, the library's bookkeeping) has no <see cref="FeedbackChange"/>.
/// </summary>
/// <param name="Record">The record.</param>
/// <param name="Project">Owner and project of the feedback.</param>
/// <param name="Incarnation">The life of the project id the feedback belongs to.</param>
/// <param name="Id">The feedback id.</param>
/// <param name="Shard">The project's feedback partition holding the item (0 unsharded).</param>
/// <param name="Before">The item's counted state before the change; <see langword="null"/> when it did not exist.</param>
/// <param name="After">Its counted state after the change; <see langword="null"/> once removed.</param>
internal sealed record FeedbackChange(ChangeRecord Record, ProjectKey Project, string Incarnation, FeedbackId Id, int Shard, CountedState? Before,
    CountedState? After)
{
    /// <summary>The change of a feedback item in <paramref name="record"/>, or <see langword="null"/> for any other item.</summary>
    public static FeedbackChange? From(ChangeRecord record)
    {
        var image = record.NewImage ?? record.OldImage;
        if (image?.GetValueOrDefault(A.EntityType)?.S != EntityTypes.Feedback
            || image.GetValueOrDefault(A.Incarnation)?.S is not { } incarnation
            || !UserId.TryParse(image.GetValueOrDefault(A.UserId)?.S, out var owner)
            || !ProjectId.TryParse(image.GetValueOrDefault(A.ProjectId)?.S, out var projectId)
            || !FeedbackId.TryParse(image.GetValueOrDefault(A.FeedbackId)?.S, out var id)
            || image.GetValueOrDefault(PrimaryIndex.PartitionKey)?.S is not { } partition)
        {
            return null;
        }

        return new FeedbackChange(
            record,
            new ProjectKey(owner, projectId),
            incarnation,
            id,
            TapkoKeys.ShardOfPartition(partition, projectId),
            CountedState.Of(record.OldImage),
            CountedState.Of(record.NewImage));
    }

    /// <summary>What kind of event the change is for a host, or <see langword="null"/> when it changed nothing a host is told of.</summary>
    public FeedbackEventKind? EventKind => Record.Kind switch
    {
        ChangeKind.Insert => FeedbackEventKind.Submitted,
        ChangeKind.Remove => Record.ByTimeToLive ? FeedbackEventKind.Expired : FeedbackEventKind.Deleted,
        _ => Before?.Status != After?.Status ? FeedbackEventKind.StatusChanged : null,
    };
}

/// <summary>What the counts see of a feedback item: its status, and when it expires.</summary>
/// <param name="Status">The stored status.</param>
/// <param name="ExpiresAt">Its time to live, if it has one.</param>
internal readonly record struct CountedState(FeedbackStatus Status, DateTimeOffset? ExpiresAt)
{
    public static CountedState? Of(Dictionary<string, AttributeValue>? image) =>
        image is not null && FeedbackStatusNames.TryParse(image.GetValueOrDefault(A.Status)?.S, out var status)
            ? new CountedState(status, Expiry.Of(image))
            : null;
}
