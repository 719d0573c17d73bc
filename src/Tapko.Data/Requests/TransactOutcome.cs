namespace Tapko.Data.Requests;

/// <summary>
/// What a transaction came to: applied, or cancelled with a reason per action (in request order), each with the item
/// that blocked it when the action asked for <c>ALL_OLD</c>.
/// </summary>
internal sealed class TransactOutcome
{
    private const string ConditionFailed = "ConditionalCheckFailed";

    private TransactOutcome(TransactionCanceledException? cancelled) => Cancelled = cancelled;

    public static TransactOutcome Done { get; } = new(null);

    /// <summary>The cancellation, or <see langword="null"/> when the transaction was applied.</summary>
    public TransactionCanceledException? Cancelled { get; }

    public bool Applied => Cancelled is null;

    public static TransactOutcome Of(TransactionCanceledException cancelled) => new(cancelled);

    /// <summary>Whether the action at <paramref name="index"/> failed its condition.</summary>
    public bool FailedCondition(int index) => Reason(index)?.Code == ConditionFailed;

    /// <summary>Whether any action failed its condition.</summary>
    public bool AnyFailedCondition => Cancelled?.CancellationReasons?.Any(r => r?.Code == ConditionFailed) == true;

    /// <summary>The item that blocked the action at <paramref name="index"/>, or <see langword="null"/>.</summary>
    public Dictionary<string, AttributeValue>? Blocking(int index) => Reason(index)?.Item is { Count: > 0 } item ? item : null;

    private CancellationReason? Reason(int index) => Cancelled?.CancellationReasons?.ElementAtOrDefault(index);
}
