using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Tapko.Data.Schema.AttributeNames;

namespace Tapko.Data.Requests;

/// <summary>
/// The requests on a sharded project's head items (<see cref="ShardLayout"/>) beyond a submission's: bringing them in
/// line with the project item, and reading them for the counts. Pure: unit-tested without a network.
/// </summary>
internal static class HeadRequests
{
    /// <summary>
    /// Makes a sharded project's heads say what its item says, once <see cref="ProjectRequests.SetCollecting"/> has changed it: every head
    /// and a check that the project item is still at <paramref name="version"/> and carries this call's
    /// <paramref name="writeId"/>, in one transaction. When the check fails a later change superseded this one, and that
    /// change's own call brings the heads in line, so concurrent toggles end with the heads of the last.
    /// </summary>
    public static TransactWriteItemsRequest Sync(string table, ProjectKey project, string incarnation, bool collecting, long version, string writeId, IEnumerable<int> heads) => new()
    {
        ClientRequestToken = FeedbackRequests.IdempotencyToken(project, "heads\n" + writeId),
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        TransactItems =
        [
            new()
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = table,
                    Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
                    ConditionExpression = "#version = :version AND #writeId = :writeId AND attribute_not_exists(#deleting)",
                    ExpressionAttributeNames = new() { ["#version"] = A.Version, ["#writeId"] = A.WriteId, ["#deleting"] = A.DeletingSince },
                    ExpressionAttributeValues = new() { [":version"] = new() { N = version.ToString(CultureInfo.InvariantCulture) }, [":writeId"] = new() { S = writeId } },
                },
            },
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
        ],
    };

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
