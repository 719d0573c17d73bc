using System.Globalization;

namespace Tapko.Data.Items;

/// <summary>Typed reads of stored attributes, failing loudly on an item this library did not write.</summary>
internal static class ItemReader
{
    public static string String(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null
            ? value.S
            : throw Malformed(item, name, "a string");

    public static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw Malformed(item, name, "a number");

    public static bool Boolean(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.BOOL is bool flag
            ? flag
            : throw Malformed(item, name, "a boolean");

    public static DateTimeOffset Timestamp(Dictionary<string, AttributeValue> item, string name) =>
        Timestamps.Parse(String(item, name));

    public static bool IsOwnedBy(Dictionary<string, AttributeValue>? item, UserId? owner) =>
        owner is not null
        && item is not null
        && item.TryGetValue(AttributeNames.UserId, out var value)
        && string.Equals(value.S, owner.Value.Value, StringComparison.Ordinal);

    /// <summary>
    /// Drops every item DynamoDB returned with a failed condition (ALL_OLD) that is not <paramref name="owner"/>'s, so
    /// an exception handed to that owner as an inner exception carries none of another tenant's data. With no owner (an
    /// anonymous caller), every returned item is dropped.
    /// </summary>
    /// <returns><paramref name="error"/>, for use in a throw expression.</returns>
    public static T ForgetOtherOwners<T>(T error, UserId? owner)
        where T : Exception
    {
        switch (error)
        {
            case ConditionalCheckFailedException failed when failed.Item is { Count: > 0 } && !IsOwnedBy(failed.Item, owner):
                failed.Item = null;
                break;
            case TransactionCanceledException cancelled:
                foreach (var reason in cancelled.CancellationReasons ?? [])
                {
                    if (reason?.Item is { Count: > 0 } && !IsOwnedBy(reason.Item, owner))
                    {
                        reason.Item = null;
                    }
                }

                break;
        }

        return error;
    }

    private static UnreadableItemException Malformed(Dictionary<string, AttributeValue> item, string name, string expected)
    {
        item.TryGetValue(PrimaryIndex.PartitionKey, out var pk);
        item.TryGetValue(PrimaryIndex.SortKey, out var sk);
        return new UnreadableItemException(
            $"The item {pk?.S}/{sk?.S} is not one this library wrote: attribute '{name}' should be {expected}.");
    }
}
