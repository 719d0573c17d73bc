namespace Tapko.Data.Requests;

/// <summary>
/// The requests on a sharded project's head items (<see cref="ShardLayout"/>) beyond a submission's: changing the
/// collecting flag on the project item and every head together, and reading them for the counts. Pure: unit-tested without a network.
/// </summary>
internal static class HeadRequests
{
    /// <summary>
    /// Sets a sharded project's flag on its item and on every head in one transaction, so submissions, which check a
    /// head, never see another value than the project. The project item must still be at <paramref name="version"/>
    /// (the one its read returned) and not being deleted; a concurrent change makes the caller read it again and retry.
    /// </summary>
    public static TransactWriteItemsRequest SetCollecting(string table, ProjectKey project, string incarnation, bool collecting, long version,
        DateTimeOffset now, string writeId, IEnumerable<int> heads) => ProjectTransaction.Of(project, "collecting\n" + writeId,
        [
            new() { Update = ProjectRequests.SetCollectingAt(table, project, collecting, now, writeId, version, incarnation) },
            .. heads.Select(h => new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = table,
                    Key = PrimaryIndex.Key(TapkoKeys.Head(project.ProjectId, h)),
                    UpdateExpression = "SET #collecting = :collecting",
                    ConditionExpression = "#inc = :inc",
                    ExpressionAttributeNames = new() { ["#collecting"] = A.IsCollectingFeedback, ["#inc"] = A.Incarnation },
                    ExpressionAttributeValues = new() { [":collecting"] = new() { BOOL = collecting }, [":inc"] = new() { S = incarnation } },
                },
            }),
        ]);

    /// <summary>
    /// The head items of a sharded project, for its counts: one <c>BatchGetItem</c> (at most 100 keys, and a project has
    /// at most <see cref="ShardLayout.MaxHeads"/> heads), only the counters and the incarnation.
    /// </summary>
    public static BatchGetItemRequest Read(string table, ProjectId projectId, IEnumerable<int> heads, bool consistent) => new()
    {
        RequestItems = new()
        {
            [table] = new KeysAndAttributes
            {
                Keys = heads.Select(h => PrimaryIndex.Key(TapkoKeys.Head(projectId, h))).ToList(),
                ConsistentRead = consistent,
                ProjectionExpression = "#open, #inProgress, #resolved, #inc",
                ExpressionAttributeNames = new()
                {
                    ["#open"] = A.OpenCount,
                    ["#inProgress"] = A.InProgressCount,
                    ["#resolved"] = A.ResolvedCount,
                    ["#inc"] = A.Incarnation,
                },
            },
        },
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };
}
