namespace Tapko.Data.Items;

/// <summary>Maps <see cref="Feedback"/> to its DynamoDB item and back.</summary>
internal static class FeedbackItem
{
    /// <param name="feedback">The feedback.</param>
    /// <param name="payload">The payload as a DynamoDB map, or <see langword="null"/>.</param>
    /// <param name="incarnation">The life of the project it belongs to (see <see cref="A.Incarnation"/>).</param>
    /// <param name="shards">The project's layout, which places the item in the shard of its id.</param>
    public static Dictionary<string, AttributeValue> ToItem(Feedback feedback, AttributeValue? payload, string incarnation, ShardLayout shards)
    {
        var key = shards.FeedbackKey(feedback.Project.ProjectId, feedback.Id);
        var index = StatusIndex.KeyOf(feedback.Project.ProjectId, feedback.Status, feedback.Id, shards);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [StatusIndex.PartitionKey] = new() { S = index.PartitionKey },
            [StatusIndex.SortKey] = new() { S = index.SortKey },
            [A.EntityType] = new() { S = EntityTypes.Feedback },
            [A.UserId] = new() { S = feedback.Project.Owner.Value },
            [A.ProjectId] = new() { S = feedback.Project.ProjectId.Value },
            [A.FeedbackId] = new() { S = feedback.Id.ToString() },
            [A.Message] = new() { S = feedback.Message },
            [A.Status] = new() { S = feedback.Status.ToWireName() },
            [A.CreatedAt] = new() { S = Timestamps.Format(feedback.CreatedAt) },
            [A.UpdatedAt] = new() { S = Timestamps.Format(feedback.UpdatedAt) },
            [A.Incarnation] = new() { S = incarnation },
        };

        if (payload is not null)
        {
            item[A.Payload] = payload;
        }

        var (preview, truncated) = Preview(feedback.Message);
        item[A.Preview] = new() { S = preview };
        if (truncated)
        {
            item[A.Truncated] = new() { BOOL = true };
        }

        return item;
    }

    public static Feedback FromItem(Dictionary<string, AttributeValue> item)
    {
        var statusName = ItemReader.String(item, A.Status);
        if (!FeedbackStatusNames.TryParse(statusName, out var status))
        {
            throw new UnreadableItemException($"Stored feedback has the unknown status '{statusName}'.");
        }

        item.TryGetValue(A.Payload, out var payload);
        return new Feedback(
            new ProjectKey(
                UserId.Parse(ItemReader.String(item, A.UserId)),
                ProjectId.Parse(ItemReader.String(item, A.ProjectId))),
            FeedbackId.Parse(ItemReader.String(item, A.FeedbackId)),
            ItemReader.String(item, A.Message),
            status,
            payload?.M is not null ? PayloadConverter.FromAttributeValue(payload) : null,
            ItemReader.Timestamp(item, A.CreatedAt),
            ItemReader.Timestamp(item, A.UpdatedAt));
    }

    /// <summary>The id of a feedback item or index entry.</summary>
    public static FeedbackId IdOf(Dictionary<string, AttributeValue> item) => FeedbackId.Parse(ItemReader.String(item, A.FeedbackId));

    /// <summary>The row the status index holds of a feedback item (its full item, or its projection).</summary>
    public static FeedbackRow RowFromItem(Dictionary<string, AttributeValue> item) =>
        new(
            new ProjectKey(UserId.Parse(ItemReader.String(item, A.UserId)), ProjectId.Parse(ItemReader.String(item, A.ProjectId))),
            FeedbackId.Parse(ItemReader.String(item, A.FeedbackId)),
            StatusOf(item),
            item.GetValueOrDefault(A.Preview)?.S ?? Preview(ItemReader.String(item, A.Message)).Text,
            item.GetValueOrDefault(A.Truncated)?.BOOL == true,
            ItemReader.Timestamp(item, A.CreatedAt),
            ItemReader.Timestamp(item, A.UpdatedAt));

    /// <summary>The start of <paramref name="message"/> a row shows, cut between whole characters.</summary>
    public static (string Text, bool Truncated) Preview(string message)
    {
        if (message.Length <= FeedbackRow.PreviewLength)
        {
            return (message, false);
        }

        var end = char.IsHighSurrogate(message[FeedbackRow.PreviewLength - 1]) ? FeedbackRow.PreviewLength - 1 : FeedbackRow.PreviewLength;
        return (message[..end], true);
    }

    /// <summary>The stored status of a feedback item.</summary>
    public static FeedbackStatus StatusOf(Dictionary<string, AttributeValue> item)
    {
        var name = ItemReader.String(item, A.Status);
        return FeedbackStatusNames.TryParse(name, out var status)
            ? status
            : throw new UnreadableItemException($"Stored feedback has the unknown status '{name}'.");
    }

    /// <summary>Whether <paramref name="item"/> is feedback of this life of the caller's project, the only kind a caller may see.</summary>
    public static bool BelongsTo(Dictionary<string, AttributeValue>? item, UserId owner, ProjectClaim claim) =>
        ItemReader.IsOwnedBy(item, owner)
        && string.Equals(item!.GetValueOrDefault(A.Incarnation)?.S, claim.Incarnation, StringComparison.Ordinal);

    /// <summary>Whether a stored item is the same submission as <paramref name="candidate"/> (a retry), ignoring times.</summary>
    public static bool IsSameSubmission(Dictionary<string, AttributeValue> stored, Dictionary<string, AttributeValue> candidate) =>
        SameString(stored, candidate, A.UserId)
        && SameString(stored, candidate, A.Incarnation)
        && SameString(stored, candidate, A.Message)
        && PayloadEquals(stored.GetValueOrDefault(A.Payload), candidate.GetValueOrDefault(A.Payload));

    private static bool SameString(Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b, string name) =>
        string.Equals(a.GetValueOrDefault(name)?.S, b.GetValueOrDefault(name)?.S, StringComparison.Ordinal);

    private static bool PayloadEquals(AttributeValue? a, AttributeValue? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.M is not null || b.M is not null)
        {
            return a.M is not null && b.M is not null && a.M.Count == b.M.Count
                && a.M.All(p => b.M.TryGetValue(p.Key, out var other) && PayloadEquals(p.Value, other));
        }

        if (a.L is not null || b.L is not null)
        {
            return a.L is not null && b.L is not null && a.L.Count == b.L.Count
                && a.L.Zip(b.L).All(p => PayloadEquals(p.First, p.Second));
        }

        if (a.N is not null || b.N is not null)
        {
            // DynamoDB normalises number text, so compare values, not strings.
            return a.N is not null && b.N is not null && DynamoNumber.Decompose(a.N) == DynamoNumber.Decompose(b.N)
                && a.N.StartsWith('-') == b.N.StartsWith('-');
        }

        return string.Equals(a.S, b.S, StringComparison.Ordinal) && a.BOOL == b.BOOL && a.NULL == b.NULL;
    }
}
