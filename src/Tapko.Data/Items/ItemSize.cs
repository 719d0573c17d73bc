using System.Text;

namespace Tapko.Data.Items;

/// <summary>
/// An item's size by DynamoDB's published rules, so an oversized item is refused before a request is sent and so
/// the benchmarks can compute the capacity a request should cost.
/// </summary>
internal static class ItemSize
{
    /// <summary>DynamoDB's maximum item size, names and values included.</summary>
    public const int MaxItemBytes = 400 * 1024;

    public static int Of(Dictionary<string, AttributeValue> item)
    {
        var size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }

        return size;
    }

    public static int Of(AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return DynamoNumber.StorageBytes(value.N);
        }

        if (value.M is not null)
        {
            // 3 bytes for the map, 1 per element, plus the element's name and value.
            var size = 3;
            foreach (var (name, item) in value.M)
            {
                size += 1 + Encoding.UTF8.GetByteCount(name) + Of(item);
            }

            return size;
        }

        if (value.L is not null)
        {
            var size = 3;
            foreach (var item in value.L)
            {
                size += 1 + Of(item);
            }

            return size;
        }

        if (value.B is not null)
        {
            return (int)value.B.Length;
        }

        if (value.SS is not null)
        {
            return value.SS.Sum(Encoding.UTF8.GetByteCount);
        }

        if (value.NS is not null)
        {
            return value.NS.Sum(DynamoNumber.StorageBytes);
        }

        return 1; // BOOL and NULL
    }

    public static void ThrowIfTooLarge(Dictionary<string, AttributeValue> item)
    {
        var size = Of(item);
        if (size > MaxItemBytes)
        {
            throw new ItemTooLargeException(size, MaxItemBytes);
        }
    }
}
