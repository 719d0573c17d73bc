namespace Tapko.Data.Requests;

/// <summary>Builds the one DynamoDB request of each feedback access pattern. Pure: unit-tested without a network.</summary>
internal static class FeedbackRequests
{
    /// <summary>
    /// What a submission needs of the project item: collecting, not being deleted, and the same life of the project id
    /// as the claim the store resolved (a project deleted and re-created since has another incarnation).
    /// </summary>
    public const string ProjectIsOpen = "#collecting = :true AND attribute_not_exists(#deleting) AND #inc = :inc";

    /// <summary>
    /// The owner check of every feedback read and write: the caller's item, of this life of the project, and not expired
    /// (an item past its time to live is gone for every caller the moment it expires, though DynamoDB removes it later).
    /// </summary>
    private const string OwnedHere = "#owner = :owner AND #inc = :inc AND (attribute_not_exists(#ttl) OR #ttl > :nowTtl)";

    /// <summary>
    /// The project's open check and the put, in one transaction. With <paramref name="count"/> the check is an update
    /// that adds one to the project's open counter: a transaction bills a condition check like a write of the item, so
    /// the counter costs nothing more, and it changes exactly when the feedback is stored. In a sharded project the
    /// check and the count are on the id's head item, not the project item (<see cref="ShardLayout"/>).
    /// </summary>
    public static TransactWriteItemsRequest Submit(string table, ProjectKey project, ProjectClaim claim, FeedbackId id, Dictionary<string,
        AttributeValue> item, bool count) => ProjectTransaction.Of(project, id.ToString(),
        [
            count
                ? new TransactWriteItem { Update = ProjectOpenCount(table, claim.Shards.CounterOf(project, id), claim.Incarnation) }
                : new TransactWriteItem { ConditionCheck = ProjectOpenCheck(table, claim.Shards.CounterOf(project, id), claim.Incarnation) },
            // The existing item comes back free with the cancellation, which is how a retry returns it without a read.
            new TransactWriteItem { Put = Requests.PutIfAbsent.InTransaction(table, item, returnBlocking: true) },
        ]);

    public static GetItemRequest Get(string table, ProjectKey project, ProjectClaim claim, FeedbackId id, bool consistent) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(claim.Shards.FeedbackKey(project.ProjectId, id)),
        ConsistentRead = consistent,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>
    /// Sets the status, the index key, <c>updatedAt</c> and the expiry the project's retention gives the item in its new
    /// status (or none), plus a <paramref name="writeId"/> (see <see cref="WriteId"/>) by which a retry of an applied
    /// request recognises its own write.
    /// </summary>
    public static UpdateItemRequest UpdateStatus(
        string table, ProjectKey project, ProjectClaim claim, FeedbackId id, FeedbackStatus status, FeedbackStatus? expected, DateTimeOffset now,
            string writeId)
    {
        var expires = Expiry.For(claim.Retention, status, id.CreatedAt, now);
        var request = new UpdateItemRequest
        {
            TableName = table,
            Key = PrimaryIndex.Key(claim.Shards.FeedbackKey(project.ProjectId, id)),
            // The expiry goes with the status in the same write: resolving sets it, reopening clears it, at no extra cost.
            UpdateExpression = "SET #status = :status, #gsi1sk = :gsi1sk, #updatedAt = :now, #writeId = :writeId" + (expires is null ? " REMOVE #ttl"
                : ", #ttl = :ttl"),
            // userId = :owner is false for a missing item too, so it also proves existence.
            ConditionExpression = OwnedHere,
            ExpressionAttributeNames = new()
            {
                ["#inc"] = A.Incarnation,
                ["#status"] = A.Status,
                ["#gsi1sk"] = StatusIndex.SortKey,
                ["#updatedAt"] = A.UpdatedAt,
                ["#owner"] = A.UserId,
                ["#writeId"] = A.WriteId,
                ["#ttl"] = A.Ttl,
            },
            ExpressionAttributeValues = new()
            {
                [":status"] = new() { S = status.ToWireName() },
                [":gsi1sk"] = new() { S = StatusIndex.KeyOf(project.ProjectId, status, id, claim.Shards).SortKey },
                [":now"] = new() { S = Timestamps.Format(now) },
                [":owner"] = new() { S = project.Owner.Value },
                [":inc"] = new() { S = claim.Incarnation },
                [":writeId"] = new() { S = writeId },
            },
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };

        request.ExpressionAttributeValues[":nowTtl"] = Expiry.ToAttribute(now);
        if (expires is { } at)
        {
            request.ExpressionAttributeValues[":ttl"] = Expiry.ToAttribute(at);
        }

        if (expected is { } current)
        {
            request.ConditionExpression += " AND #status = :expected";
            request.ExpressionAttributeValues[":expected"] = new() { S = current.ToWireName() };
        }

        return request;
    }

    public static DeleteItemRequest Delete(string table, ProjectKey project, ProjectClaim claim, FeedbackId id, DateTimeOffset now) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(claim.Shards.FeedbackKey(project.ProjectId, id)),
        ConditionExpression = OwnedHere,
        ExpressionAttributeNames = new() { ["#owner"] = A.UserId, ["#inc"] = A.Incarnation, ["#ttl"] = A.Ttl },
        ExpressionAttributeValues = new()
        {
            [":owner"] = new() { S = project.Owner.Value },
            [":inc"] = new() { S = claim.Incarnation },
            [":nowTtl"] = Expiry.ToAttribute(now),
        },
        // Tells a project re-created since the cached claim (another incarnation) from a missing item.
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    /// <summary>
    /// A page of the project's feedback on <paramref name="index"/>: the table by id, or one status on GSI1; in a sharded
    /// project, of shard <paramref name="shard"/> only, resuming after <paramref name="startAfter"/> wherever it is stored.
    /// </summary>
    public static QueryRequest List(
        string table, ProjectKey project, ProjectClaim claim, FeedbackIndex index, FeedbackQuery query, FeedbackId? startAfter, bool consistent,
            DateTimeOffset now, int shard)
    {
        var request = new QueryRequest
        {
            TableName = table,
            IndexName = index.IndexName,
            ExpressionAttributeNames = new()
            {
                ["#pk"] = index.PartitionKeyAttribute,
                ["#sk"] = index.SortKeyAttribute,
                ["#owner"] = A.UserId,
                ["#inc"] = A.Incarnation,
                ["#ttl"] = A.Ttl,
            },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new() { S = claim.Shards.Partition(project.ProjectId, shard) },
                [":owner"] = new() { S = project.Owner.Value },
                [":inc"] = new() { S = claim.Incarnation },
                [":nowTtl"] = Expiry.ToAttribute(now),
            },
            // The claim makes the partition the caller's alone; this filter is defence in depth, hides feedback that an
            // earlier life of the project id left behind (docs/table.md), and hides what has expired.
            FilterExpression = OwnedHere,
            ScanIndexForward = query.Order == SortOrder.OldestFirst,
            Limit = query.PageSize,
            ConsistentRead = index.AllowsConsistentReads && consistent,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };

        if (query.CreatedFrom is null && query.CreatedTo is null)
        {
            request.KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)";
            request.ExpressionAttributeValues[":prefix"] = new() { S = index.SortKeyPrefix };
        }
        else
        {
            var (from, to) = index.CreatedBetween(query.CreatedFrom, query.CreatedTo);
            request.KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to";
            request.ExpressionAttributeValues[":from"] = new() { S = from };
            request.ExpressionAttributeValues[":to"] = new() { S = to };
        }

        if (startAfter is { } last)
        {
            request.ExclusiveStartKey = index.StartAfter(project.ProjectId, last, claim.Shards, shard);
        }

        return request;
    }

    /// <summary>The open check and count on <paramref name="target"/>: the project item, or a sharded project's head.</summary>
    public static Update ProjectOpenCount(string table, TapkoItemKey target, string incarnation) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(target),
        UpdateExpression = "ADD #count :one",
        ConditionExpression = ProjectIsOpen,
        ExpressionAttributeNames = new()
        {
            ["#collecting"] = A.IsCollectingFeedback,
            ["#deleting"] = A.DeletingSince,
            ["#inc"] = A.Incarnation,
            ["#count"] = StatusCounters.AttributeOf(FeedbackStatus.Open),
        },
        ExpressionAttributeValues = new() { [":true"] = new() { BOOL = true }, [":inc"] = new() { S = incarnation }, [":one"] = new() { N = "1" } },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    public static ConditionCheck ProjectOpenCheck(string table, TapkoItemKey target, string incarnation) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(target),
        ConditionExpression = ProjectIsOpen,
        ExpressionAttributeNames = new() { ["#collecting"] = A.IsCollectingFeedback, ["#deleting"] = A.DeletingSince, ["#inc"] = A.Incarnation },
        ExpressionAttributeValues = new() { [":true"] = new() { BOOL = true }, [":inc"] = new() { S = incarnation } },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };
}
