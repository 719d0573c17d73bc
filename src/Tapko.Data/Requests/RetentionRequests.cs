namespace Tapko.Data.Requests;

/// <summary>Builds the change of a project's retention policy. Pure: unit-tested without a network.</summary>
internal static class RetentionRequests
{
    /// <summary>
    /// Sets <paramref name="retention"/> on the project item and on the claim on its id, together: the item is what a
    /// user reads back, the claim is what every submission and move reads (cached) to expire feedback without a read of
    /// its own. Both only for this life of the project, and not while it is being deleted. The token makes the SDK's
    /// retry of a change whose answer was lost succeed instead of bumping the version twice.
    /// </summary>
    public static TransactWriteItemsRequest Set(string table, ProjectKey project, string incarnation, FeedbackRetention retention, DateTimeOffset now,
        string writeId)
    {
        var projectNames = new Dictionary<string, string>
        {
            ["#pk"] = PrimaryIndex.PartitionKey,
            ["#deleting"] = A.DeletingSince,
            ["#inc"] = A.Incarnation,
            ["#updatedAt"] = A.UpdatedAt,
            ["#writeId"] = A.WriteId,
            ["#version"] = A.Version,
        };
        var projectValues = new Dictionary<string, AttributeValue>
        {
            [":inc"] = new() { S = incarnation },
            [":now"] = new() { S = Timestamps.Format(now) },
            [":writeId"] = new() { S = writeId },
            [":one"] = new() { N = "1" },
        };
        var (set, remove) = RetentionAttributes.Update(retention, projectNames, projectValues);
        var projectUpdate = Expression([set, "#updatedAt = :now", "#writeId = :writeId"], remove) + " ADD #version :one";

        var claimNames = new Dictionary<string, string> { ["#owner"] = A.UserId, ["#inc"] = A.Incarnation };
        var claimValues = new Dictionary<string, AttributeValue> { [":owner"] = new() { S = project.Owner.Value }, [":inc"] = new() { S = incarnation } };
        var (claimSet, claimRemove) = RetentionAttributes.Update(retention, claimNames, claimValues);

        return ProjectTransaction.Of(project, "retention\n" + incarnation + "\n" + writeId,
            [
                new()
                {
                    Update = new Update
                    {
                        TableName = table,
                        Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
                        UpdateExpression = projectUpdate,
                        ConditionExpression = "attribute_exists(#pk) AND attribute_not_exists(#deleting) AND #inc = :inc",
                        ExpressionAttributeNames = projectNames,
                        ExpressionAttributeValues = projectValues,
                    },
                },
                new()
                {
                    Update = new Update
                    {
                        TableName = table,
                        Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(project.ProjectId)),
                        UpdateExpression = Expression([claimSet], claimRemove),
                        ConditionExpression = "#owner = :owner AND #inc = :inc",
                        ExpressionAttributeNames = claimNames,
                        ExpressionAttributeValues = claimValues,
                    },
                },
            ]);
    }

    private static string Expression(IEnumerable<string> sets, string remove)
    {
        var set = string.Join(", ", sets.Where(s => s.Length > 0));
        return string.Join(" ", new[] { set.Length > 0 ? "SET " + set : "", remove.Length > 0 ? "REMOVE " + remove : "" }.Where(p => p.Length > 0));
    }
}
