using System.Globalization;

namespace Tapko.Data.Requests;

/// <summary>Builds the DynamoDB requests of the project access patterns. Pure: unit-tested without a network.</summary>
internal static class ProjectRequests
{
    /// <summary>
    /// Puts the project and the claim on its id together, each only if absent: a taken id fails whoever holds it. The
    /// request token makes the SDK's retry of a create whose answer was lost succeed instead of finding its own items.
    /// No old item comes back with a failure, so another owner's claim never reaches the caller.
    /// </summary>
    /// <remarks>A sharded project's head items are put in the same transaction, so it never exists without them.</remarks>
    public static TransactWriteItemsRequest Create(string table, Dictionary<string, AttributeValue> project, Dictionary<string, AttributeValue> claim,
        string requestToken, IEnumerable<Dictionary<string, AttributeValue>>? heads = null) => new()
    {
        ClientRequestToken = requestToken,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        TransactItems =
        [
            new() { Put = PutIfAbsent.InTransaction(table, project, returnBlocking: false) },
            new() { Put = PutIfAbsent.InTransaction(table, claim, returnBlocking: false) },
            .. (heads ?? []).Select(h => new TransactWriteItem { Put = PutIfAbsent.InTransaction(table, h, returnBlocking: false) }),
        ],
    };

    /// <summary>
    /// The keys in the project id's partition, claim first (<c>CLAIM</c> sorts before <c>FEEDBACK#</c>): before a create,
    /// a claim means the id is taken, and feedback without a claim was left behind by an earlier life of the id.
    /// </summary>
    public static QueryRequest PartitionKeys(string table, ProjectId projectId, Dictionary<string, AttributeValue>? startKey, int? limit) => new()
    {
        Limit = limit,
        TableName = table,
        KeyConditionExpression = "#pk = :pk",
        ProjectionExpression = "#pk, #sk",
        ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#sk"] = PrimaryIndex.SortKey },
        ExpressionAttributeValues = new() { [":pk"] = new() { S = TapkoKeys.FeedbackPartition(projectId) } },
        ExclusiveStartKey = startKey,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>The claim on a project id, whoever holds it: where the change feed keeps the project's counts.</summary>
    public static GetItemRequest GetClaim(string table, ProjectId projectId, bool consistent) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(projectId)),
        ConsistentRead = consistent,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    public static GetItemRequest Get(string table, ProjectKey project, bool consistent) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
        ConsistentRead = consistent,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    public static QueryRequest List(string table, UserId owner, int pageSize, ProjectId? startAfter, bool consistent)
    {
        var request = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#sk"] = PrimaryIndex.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new() { S = TapkoKeys.UserPartition(owner) },
                [":prefix"] = new() { S = TapkoKeys.ProjectSortKeyPrefix },
            },
            Limit = pageSize,
            ConsistentRead = consistent,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };

        if (startAfter is { } last)
        {
            request.ExclusiveStartKey = PrimaryIndex.Key(TapkoKeys.Project(new ProjectKey(owner, last)));
        }

        return request;
    }

    /// <summary>
    /// Sets an unsharded project's flag. A sharded project's item fails the condition and comes back (its flag must
    /// change together with its heads, in one transaction: <see cref="HeadRequests.SetCollecting"/>), so an unsharded
    /// toggle stays one UpdateItem and needs no read to learn the layout.
    /// </summary>
    public static UpdateItemRequest SetCollecting(string table, ProjectKey project, bool collecting, DateTimeOffset now, string writeId)
    {
        var request = UpdateProject(table, project, now, writeId, "#collecting = :collecting", new() { ["#collecting"] = A.IsCollectingFeedback },
            new() { [":collecting"] = new() { BOOL = collecting } }, expectedVersion: null);
        request.ConditionExpression += " AND attribute_not_exists(#shards)";
        request.ExpressionAttributeNames["#shards"] = A.FeedbackShards;
        return request;
    }

    /// <summary>
    /// The change <see cref="SetCollecting"/> makes, as the project item's action in a sharded project's toggle
    /// (<see cref="HeadRequests.SetCollecting"/>): only at <paramref name="version"/>, the one the refused update
    /// returned, and of this life of the id.
    /// </summary>
    public static Update SetCollectingAt(string table, ProjectKey project, bool collecting, DateTimeOffset now, string writeId, long version,
        string incarnation)
    {
        var request = UpdateProject(table, project, now, writeId, "#collecting = :collecting", new() { ["#collecting"] = A.IsCollectingFeedback },
            new() { [":collecting"] = new() { BOOL = collecting } }, version);
        request.ExpressionAttributeNames["#inc"] = A.Incarnation;
        request.ExpressionAttributeValues[":inc"] = new() { S = incarnation };
        request.ConditionExpression += " AND #inc = :inc";
        return CountedRequests.InTransaction(request);
    }

    public static UpdateItemRequest Rename(string table, ProjectKey project, string name, long expectedVersion, DateTimeOffset now, string writeId) =>
        UpdateProject(table, project, now, writeId, "#name = :name", new() { ["#name"] = A.Name }, new() { [":name"] = new() { S = name } }, expectedVersion);

    /// <summary>Closes the project and marks it as being deleted; keeps the first mark when a deletion is resumed.</summary>
    public static UpdateItemRequest MarkDeleting(string table, ProjectKey project, DateTimeOffset now) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
        UpdateExpression = "SET #collecting = :false, #deleting = if_not_exists(#deleting, :now)",
        ConditionExpression = "attribute_exists(#pk)",
        ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#collecting"] = A.IsCollectingFeedback, ["#deleting"] = A.DeletingSince },
        ExpressionAttributeValues = new() { [":false"] = new() { BOOL = false }, [":now"] = new() { S = Timestamps.Format(now) } },
        // The incarnation it returns is what the final step checks the claim against.
        ReturnValues = ReturnValue.ALL_NEW,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>
    /// One page of the keys of the feedback in the project, for deletion. Strongly consistent: an eventually
    /// consistent page could miss a submission acknowledged just before the project was marked as being deleted, and
    /// that item would outlive its project with nothing left to find it by. Unfiltered: the owner holds the claim on
    /// the id, so everything in the partition is this project's or left behind by an earlier life of the id.
    /// </summary>
    public static QueryRequest FeedbackKeys(string table, ProjectKey project, Dictionary<string, AttributeValue>? startKey, ShardLayout shards,
        int shard) => new()
    {
        TableName = table,
        KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
        ProjectionExpression = "#pk, #sk",
        ExpressionAttributeNames = new() { ["#pk"] = PrimaryIndex.PartitionKey, ["#sk"] = PrimaryIndex.SortKey },
        ExpressionAttributeValues = new()
        {
            [":pk"] = new() { S = shards.Partition(project.ProjectId, shard) },
            [":prefix"] = new() { S = TapkoKeys.FeedbackSortKeyPrefix },
        },
        ExclusiveStartKey = startKey,
        ConsistentRead = true,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    public static BatchWriteItemRequest DeleteBatch(string table, IEnumerable<Dictionary<string, AttributeValue>> keys) => new()
    {
        RequestItems = new() { [table] = keys.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } }).ToList() },
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>
    /// The last step of a delete, once the feedback is gone: the project item and the claim on its id, together, so the
    /// id is never free while the project item remains, nor held by a project that no longer exists.
    /// </summary>
    public static TransactWriteItemsRequest DeleteProjectAndClaim(string table, ProjectKey project, string incarnation) =>
        ProjectTransaction.Of(project, "delete\n" + incarnation,
        [
            new()
            {
                Delete = new Delete
                {
                    TableName = table,
                    Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
                    ConditionExpression = "attribute_exists(#deleting)",
                    ExpressionAttributeNames = new() { ["#deleting"] = A.DeletingSince },
                },
            },
            new()
            {
                Delete = new Delete
                {
                    TableName = table,
                    Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(project.ProjectId)),
                    ConditionExpression = "#owner = :owner AND #inc = :inc",
                    ExpressionAttributeNames = new() { ["#owner"] = A.UserId, ["#inc"] = A.Incarnation },
                    ExpressionAttributeValues = new() { [":owner"] = new() { S = project.Owner.Value }, [":inc"] = new() { S = incarnation } },
                },
            },
        ]);

    /// <summary>
    /// An update that bumps the version and writes <paramref name="writeId"/>, and applies at most once: a retry of an
    /// applied request fails its condition (the item already carries its <c>writeId</c>), so the version is never
    /// bumped twice by one call, and the store recognises the write as its own.
    /// </summary>
    private static UpdateItemRequest UpdateProject(
        string table,
        ProjectKey project,
        DateTimeOffset now,
        string writeId,
        string set,
        Dictionary<string, string> names,
        Dictionary<string, AttributeValue> values,
        long? expectedVersion)
    {
        names["#pk"] = PrimaryIndex.PartitionKey;
        names["#deleting"] = A.DeletingSince;
        names["#updatedAt"] = A.UpdatedAt;
        names["#version"] = A.Version;
        names["#writeId"] = A.WriteId;
        values[":now"] = new() { S = Timestamps.Format(now) };
        values[":one"] = new() { N = "1" };
        values[":writeId"] = new() { S = writeId };
        var condition = "attribute_exists(#pk) AND attribute_not_exists(#deleting) AND (attribute_not_exists(#writeId) OR #writeId <> :writeId)";
        if (expectedVersion is { } expected)
        {
            condition += " AND #version = :expected";
            values[":expected"] = new() { N = expected.ToString(CultureInfo.InvariantCulture) };
        }

        return new UpdateItemRequest
        {
            TableName = table,
            Key = PrimaryIndex.Key(TapkoKeys.Project(project)),
            // Every change bumps the version, so a rename based on a stale read fails even if only the flag moved.
            UpdateExpression = $"SET {set}, #updatedAt = :now, #writeId = :writeId ADD #version :one",
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };
    }
}
