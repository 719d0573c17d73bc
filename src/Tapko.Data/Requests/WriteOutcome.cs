namespace Tapko.Data.Requests;

/// <summary>
/// What a conditional write came to: its response when the condition held, or the item that blocked it (DynamoDB's
/// <c>ALL_OLD</c>, <see langword="null"/> when there was none) and the failure to attach as an inner exception.
/// </summary>
/// <typeparam name="TResponse">The write's response type.</typeparam>
internal readonly struct WriteOutcome<TResponse>
    where TResponse : class
{
    private WriteOutcome(TResponse? response, ConditionalCheckFailedException? failure)
    {
        Response = response;
        Failure = failure;
    }

    public TResponse? Response { get; }

    /// <summary>The condition's failure, or <see langword="null"/> when the write was applied.</summary>
    public ConditionalCheckFailedException? Failure { get; }

    public bool Applied => Response is not null;

    /// <summary>The item as it was when the condition failed, or <see langword="null"/> when there was none.</summary>
    public Dictionary<string, AttributeValue>? Blocking => Failure?.Item is { Count: > 0 } item ? item : null;

    public static WriteOutcome<TResponse> Done(TResponse response) => new(response, null);

    public static WriteOutcome<TResponse> Blocked(ConditionalCheckFailedException failure) => new(null, failure);
}
