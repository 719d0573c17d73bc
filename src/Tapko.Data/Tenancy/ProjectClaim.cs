namespace Tapko.Data.Tenancy;

/// <summary>
/// Who holds a project id, and which life of the id it is. Read from the claim item; immutable for as long as the
/// project lives, which is what lets <see cref="ProjectOwners"/> cache it.
/// </summary>
/// <param name="Owner">The owner holding the id.</param>
/// <param name="Incarnation">The random id of this life of the project (see <see cref="A.Incarnation"/>).</param>
/// <param name="Shards">How the project spreads its feedback; on the claim so a submission learns it without a read.</param>
internal sealed record ProjectClaim(UserId Owner, string Incarnation, ShardLayout Shards)
{
    /// <summary>How long the project keeps its feedback: what every submit and move sets as an item's expiry.</summary>
    public FeedbackRetention Retention { get; init; } = FeedbackRetention.KeepForever;

    public static ProjectClaim FromItem(Dictionary<string, AttributeValue> item) =>
        new(UserId.Parse(ItemReader.String(item, A.UserId)), ItemReader.String(item, A.Incarnation),
            ShardLayout.Stored(item.GetValueOrDefault(A.FeedbackShards)?.N))
        {
            Retention = RetentionAttributes.Read(item),
        };

    /// <summary>The claim a project item implies (it is keyed by its owner, and carries the same incarnation and layout).</summary>
    public static ProjectClaim FromProjectItem(Dictionary<string, AttributeValue> projectItem) => FromItem(projectItem);

    /// <summary>The claim item of <paramref name="project"/>: no GSI1 keys, so the status index never holds it.</summary>
    public static Dictionary<string, AttributeValue> ToItem(ProjectKey project, string incarnation, DateTimeOffset createdAt, ShardLayout shards,
        FeedbackRetention retention)
    {
        var key = TapkoKeys.ProjectClaim(project.ProjectId);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [A.EntityType] = new() { S = EntityTypes.ProjectClaim },
            [A.UserId] = new() { S = project.Owner.Value },
            [A.ProjectId] = new() { S = project.ProjectId.Value },
            [A.Incarnation] = new() { S = incarnation },
            [A.CreatedAt] = new() { S = Timestamps.Format(createdAt) },
        };

        // Where the change feed keeps the project's counts (StatusCountsMode.Streamed): maps its updates set entries in.
        StreamedCounts.Initialize(item);
        RetentionAttributes.Write(item, retention);
        shards.WriteTo(item);

        return item;
    }

    /// <summary>
    /// Mints the incarnation of a new project: 80 random bits in 14 characters. Every feedback item stores it, so it is
    /// kept short; it only has to tell the lives of one project id apart.
    /// </summary>
    public static string NewIncarnation() => Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
}
