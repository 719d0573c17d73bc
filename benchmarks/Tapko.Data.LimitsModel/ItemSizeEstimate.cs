using System.Text;
using System.Text.Json;

namespace Tapko.Data.LimitsModel;

/// <summary>
/// An item's size from its DynamoDB JSON, close to DynamoDB's own rule (attribute names plus values; numbers about
/// half their digits). Only an estimate to reserve units before forwarding: the answer's reported units settle it.
/// </summary>
public static class ItemSizeEstimate
{
    /// <summary>Bytes of an item (a map of attribute name to typed value).</summary>
    public static int Bytes(JsonElement item)
    {
        var size = 0;
        foreach (var attribute in item.EnumerateObject())
        {
            size += Encoding.UTF8.GetByteCount(attribute.Name) + ValueBytes(attribute.Value);
        }

        return size;
    }

    /// <summary>Write units of an item of <paramref name="bytes"/>: one per started KB, at least one.</summary>
    public static int WriteUnits(int bytes) => Math.Max(1, (bytes + 1023) / 1024);

    private static int ValueBytes(JsonElement typed)
    {
        foreach (var value in typed.EnumerateObject())
        {
            switch (value.Name)
            {
                case "S": return Encoding.UTF8.GetByteCount(value.Value.GetString() ?? string.Empty);
                case "N": return ((value.Value.GetString()?.Length ?? 0) / 2) + 1;
                case "B": return ((value.Value.GetString()?.Length ?? 0) * 3) / 4;
                case "BOOL" or "NULL": return 1;
                case "SS" or "NS" or "BS": return value.Value.EnumerateArray().Sum(e => Encoding.UTF8.GetByteCount(e.GetString() ?? string.Empty));
                case "L": return 3 + value.Value.EnumerateArray().Sum(e => 1 + ValueBytes(e));
                case "M": return 3 + value.Value.EnumerateObject().Sum(e => 1 + Encoding.UTF8.GetByteCount(e.Name) + ValueBytes(e.Value));
            }
        }

        return 0;
    }
}
