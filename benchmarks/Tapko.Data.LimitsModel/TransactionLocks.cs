namespace Tapko.Data.LimitsModel;

/// <summary>
/// The items held by transactions in flight. DynamoDB documents that a transaction conflicts when one of its items is
/// part of another ongoing <c>TransactWriteItems</c> (whatever the action, a <c>ConditionCheck</c> included), and
/// that a single-item write conflicts with an ongoing transaction on its item. The model cancels the newcomer.
/// Not thread-safe: the model holds one lock over it and the buckets.
/// </summary>
public sealed class TransactionLocks
{
    private readonly Dictionary<string, int> holders = new(StringComparer.Ordinal);

    /// <summary>How many items are held now.</summary>
    public int HeldItems => holders.Count;

    /// <summary>The actions of <paramref name="request"/> whose item an in-flight transaction holds; empty if none.</summary>
    public List<int> Conflicts(ModelledRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. request.Items.Where(i => holders.ContainsKey(i.Key)).Select(i => i.Action)];
    }

    /// <summary>Holds every item of a transaction until <see cref="Release"/>.</summary>
    public void Hold(ModelledRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var item in request.Items)
        {
            holders[item.Key] = holders.GetValueOrDefault(item.Key) + 1;
        }
    }

    /// <summary>Releases the items <see cref="Hold"/> took.</summary>
    public void Release(ModelledRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var item in request.Items)
        {
            if (holders.TryGetValue(item.Key, out var n) && n > 1)
            {
                holders[item.Key] = n - 1;
            }
            else
            {
                holders.Remove(item.Key);
            }
        }
    }
}
