namespace Tapko.Data.ChangeFeed;

/// <summary>
/// One change of one item as the table's stream reports it, whichever way it arrived: read by the hosted service with
/// the Streams API, or handed to a Lambda function in its event. Both carry the same record shape.
/// </summary>
/// <param name="EventId">The record's id: the same on every delivery of it, so it names the change for de-duplication.</param>
/// <param name="Kind">Whether the item was created, changed or removed.</param>
/// <param name="ByTimeToLive">Whether DynamoDB removed the item because its time to live passed.</param>
/// <param name="SequenceNumber">The record's position in its stream shard (21 to 40 digits).</param>
/// <param name="CreatedAt">DynamoDB's approximate time of the change.</param>
/// <param name="OldImage">The item before the change; <see langword="null"/> for a creation.</param>
/// <param name="NewImage">The item after the change; <see langword="null"/> for a removal.</param>
internal sealed record ChangeRecord(
    string EventId,
    ChangeKind Kind,
    bool ByTimeToLive,
    string SequenceNumber,
    DateTimeOffset CreatedAt,
    Dictionary<string, AttributeValue>? OldImage,
    Dictionary<string, AttributeValue>? NewImage)
{
    /// <summary>
    /// Reads the kind of change from the record's event name and images. A removal is DynamoDB's own when the record
    /// names the service as its author (AWS: <c>REMOVE</c> with user identity <c>Service</c> /
    /// <c>dynamodb.amazonaws.com</c>); DynamoDB Local 3.3.1 names a TTL removal <c>UNKNOWN_TO_SDK_VERSION</c> and gives
    /// no identity, so any other event name on a removal is read as DynamoDB's too.
    /// </summary>
    public static (ChangeKind Kind, bool ByTimeToLive) Classify(string? eventName, string? identityType, string? principalId, bool hasOld, bool hasNew)
    {
        var kind = eventName switch
        {
            "INSERT" => ChangeKind.Insert,
            "MODIFY" => ChangeKind.Modify,
            "REMOVE" => ChangeKind.Remove,
            _ => hasNew ? (hasOld ? ChangeKind.Modify : ChangeKind.Insert) : ChangeKind.Remove,
        };
        var byService = string.Equals(identityType, "Service", StringComparison.OrdinalIgnoreCase)
            && string.Equals(principalId, "dynamodb.amazonaws.com", StringComparison.OrdinalIgnoreCase);
        var unnamed = eventName is not ("INSERT" or "MODIFY" or "REMOVE");
        return (kind, kind == ChangeKind.Remove && (byService || unnamed));
    }
}

/// <summary>What a stream record did to its item.</summary>
internal enum ChangeKind
{
    /// <summary>The item was created.</summary>
    Insert,

    /// <summary>The item was changed.</summary>
    Modify,

    /// <summary>The item was removed, by a delete or by its time to live.</summary>
    Remove,
}
