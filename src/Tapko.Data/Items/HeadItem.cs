namespace Tapko.Data.Items;

/// <summary>
/// A head item of a sharded project (see <see cref="ShardLayout"/>): what a submission checks and counts in place of
/// the project item. It carries the attributes the open check reads (collecting, incarnation) under the project
/// item's names, so the same condition and the same refusal logic serve both.
/// </summary>
internal static class HeadItem
{
    public static Dictionary<string, AttributeValue> ToItem(ProjectKey project, string incarnation, bool isCollectingFeedback, int head)
    {
        var key = TapkoKeys.Head(project.ProjectId, head);
        return new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [A.EntityType] = new() { S = EntityTypes.ProjectHead },
            [A.UserId] = new() { S = project.Owner.Value },
            [A.ProjectId] = new() { S = project.ProjectId.Value },
            [A.IsCollectingFeedback] = new() { BOOL = isCollectingFeedback },
            [A.Incarnation] = new() { S = incarnation },
        };
    }
}
