namespace Tapko.Data.Requests;

/// <summary>A put that applies only where no item is: the one condition every create and submission uses.</summary>
internal static class PutIfAbsent
{
    private const string Condition = "attribute_not_exists(#pk)";

    /// <summary>As one action of a transaction; <paramref name="returnBlocking"/> asks for the item in the way.</summary>
    public static Put InTransaction(string table, Dictionary<string, AttributeValue> item, bool returnBlocking) => new()
    {
        TableName = table,
        Item = item,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names(),
        ReturnValuesOnConditionCheckFailure = returnBlocking ? ReturnValuesOnConditionCheckFailure.ALL_OLD : null,
    };

    /// <summary>As a request of its own, returning the item in the way when the condition fails.</summary>
    public static PutItemRequest Alone(string table, Dictionary<string, AttributeValue> item) => new()
    {
        TableName = table,
        Item = item,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names(),
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
    };

    private static Dictionary<string, string> Names() => new() { ["#pk"] = PrimaryIndex.PartitionKey };
}
