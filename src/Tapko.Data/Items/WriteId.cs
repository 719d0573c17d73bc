using System.Security.Cryptography;

namespace Tapko.Data.Items;

/// <summary>Mints the value of <see cref="AttributeNames.WriteId"/>: one per store call, shared by the SDK's retries of it.</summary>
internal static class WriteId
{
    /// <summary>128 random bits, base64url: unguessable by another tenant and unique across concurrent callers.</summary>
    public static string New() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="item"/> was last written by the call that minted <paramref name="writeId"/>.</summary>
    public static bool WroteLast(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? item, string writeId) =>
        item is not null
        && item.TryGetValue(AttributeNames.WriteId, out var value)
        && string.Equals(value.S, writeId, StringComparison.Ordinal);
}
