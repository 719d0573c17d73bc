namespace Tapko.Data.Requests;

/// <summary>
/// Status moves and deletes that keep the project's counters exact: the feedback change and the counter change in one
/// transaction. The feedback's current status is a condition, so a wrong guess fails without effect and the item that
/// comes back with the cancellation tells the right one; no read goes first.
/// </summary>
internal static class CountedRequests
{
    /// <summary>One feedback action of a counted move: the update of <see cref="FeedbackRequests.UpdateStatus"/>, on the condition its status is
    /// <paramref name="from"/>.</summary>
    public static Update Move(string table, ProjectKey project, ProjectClaim claim, FeedbackId id, FeedbackStatus from, FeedbackStatus to,
        DateTimeOffset now, string writeId) =>
        InTransaction(FeedbackRequests.UpdateStatus(table, project, claim, id, to, from, now, writeId));

    /// <summary>A conditional <c>UpdateItem</c> as a transaction's action, returning the blocking item when its condition fails.</summary>
    public static Update InTransaction(UpdateItemRequest request) => new()
    {
        TableName = request.TableName,
        Key = request.Key,
        UpdateExpression = request.UpdateExpression,
        ConditionExpression = request.ConditionExpression,
        ExpressionAttributeNames = request.ExpressionAttributeNames,
        ExpressionAttributeValues = request.ExpressionAttributeValues,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    /// <summary>One feedback action of a counted delete: the caller's item, of this life, on the condition its status is <paramref name="from"/>.</summary>
    public static Delete Remove(string table, ProjectKey project, ProjectClaim claim, FeedbackId id, FeedbackStatus from) => new()
    {
        TableName = table,
        Key = PrimaryIndex.Key(claim.Shards.FeedbackKey(project.ProjectId, id)),
        ConditionExpression = "#owner = :owner AND #inc = :inc AND #status = :from",
        ExpressionAttributeNames = new() { ["#owner"] = A.UserId, ["#inc"] = A.Incarnation, ["#status"] = A.Status },
        ExpressionAttributeValues = new()
        {
            [":owner"] = new() { S = project.Owner.Value },
            [":inc"] = new() { S = claim.Incarnation },
            [":from"] = new() { S = from.ToWireName() },
        },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    /// <summary>
    /// Adds <paramref name="deltas"/> to the counters on <paramref name="target"/> (the project item, or a sharded
    /// project's head), on the condition that it is this life of the id. Zero deltas are left out; <see langword="null"/>
    /// when nothing changes.
    /// </summary>
    public static Update? Counters(string table, TapkoItemKey target, string incarnation, IReadOnlyDictionary<FeedbackStatus, long> deltas)
    {
        var changed = deltas.Where(d => d.Value != 0).OrderBy(d => d.Key).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        var names = new Dictionary<string, string> { ["#inc"] = A.Incarnation };
        var values = new Dictionary<string, AttributeValue> { [":inc"] = new() { S = incarnation } };
        var adds = new List<string>();
        foreach (var (status, delta) in changed)
        {
            var i = adds.Count;
            names[$"#c{i}"] = StatusCounters.AttributeOf(status);
            values[$":d{i}"] = new() { N = delta.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            adds.Add($"#c{i} :d{i}");
        }

        return new Update
        {
            TableName = table,
            Key = PrimaryIndex.Key(target),
            UpdateExpression = "ADD " + string.Join(", ", adds),
            ConditionExpression = "#inc = :inc",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    /// <summary>The feedback actions and the counter updates (last), as one transaction with a token for this exact attempt.</summary>
    public static TransactWriteItemsRequest Transaction(ProjectKey project, string token, IEnumerable<TransactWriteItem> feedbackActions,
        IEnumerable<Update?> counters)
    {
        return ProjectTransaction.Of(project, token, feedbackActions.Concat(counters.OfType<Update>().Select(c => new TransactWriteItem { Update = c })));
    }

    /// <summary>A <c>COUNT</c> query of one status on the status index, for counting without counters.</summary>
    public static QueryRequest CountStatus(string table, ProjectKey project, ProjectClaim claim, FeedbackStatus status, Dictionary<string,
        AttributeValue>? startKey, DateTimeOffset now, int shard)
    {
        var request = FeedbackRequests.List(table, project, claim, StatusIndex.For(status), new FeedbackQuery { PageSize = PageLimits.MaxPageSize },
            null, consistent: false, now, shard);
        request.Select = Select.COUNT;
        request.Limit = null;
        request.ExclusiveStartKey = startKey;
        return request;
    }
}
