namespace Tapko.Data.Items;

/// <summary>Maps <see cref="Project"/> to its DynamoDB item and back.</summary>
internal static class ProjectItem
{
    public static Dictionary<string, AttributeValue> ToItem(Project project, string incarnation)
    {
        var key = TapkoKeys.Project(project.Key);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [A.EntityType] = new() { S = EntityTypes.Project },
            [A.UserId] = new() { S = project.Key.Owner.Value },
            [A.ProjectId] = new() { S = project.Key.ProjectId.Value },
            [A.Name] = new() { S = project.Name },
            [A.IsCollectingFeedback] = new() { BOOL = project.IsCollectingFeedback },
            [A.CreatedAt] = new() { S = Timestamps.Format(project.CreatedAt) },
            [A.UpdatedAt] = new() { S = Timestamps.Format(project.UpdatedAt) },
            [A.Version] = new() { N = project.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [A.Incarnation] = new() { S = incarnation },
        };

        RetentionAttributes.Write(item, project.Retention);
        ShardLayout.Of(project.FeedbackShards, nameof(project)).WriteTo(item);

        return item;
    }

    public static Project FromItem(Dictionary<string, AttributeValue> item) =>
        new(
            new ProjectKey(
                UserId.Parse(ItemReader.String(item, A.UserId)),
                ProjectId.Parse(ItemReader.String(item, A.ProjectId))),
            ItemReader.String(item, A.Name),
            ItemReader.Boolean(item, A.IsCollectingFeedback),
            ItemReader.Timestamp(item, A.CreatedAt),
            ItemReader.Timestamp(item, A.UpdatedAt),
            ItemReader.Number(item, A.Version))
        {
            FeedbackShards = Layout(item).Count,
            Retention = RetentionAttributes.Read(item),
        };

    /// <summary>How the project spreads its feedback (absent: one shard).</summary>
    public static ShardLayout Layout(Dictionary<string, AttributeValue> item) => ShardLayout.Stored(item.GetValueOrDefault(A.FeedbackShards)?.N);

    /// <summary>The life of the project this item is (see <see cref="A.Incarnation"/>).</summary>
    public static string Incarnation(Dictionary<string, AttributeValue> item) => ItemReader.String(item, A.Incarnation);

    /// <summary>A project being deleted keeps its item until its feedback is gone, but accepts nothing new.</summary>
    public static bool IsBeingDeleted(Dictionary<string, AttributeValue> item) => item.ContainsKey(A.DeletingSince);
}
