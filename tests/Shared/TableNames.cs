using System.Text;

namespace Tapko.Data.TestSupport;

/// <summary>
/// Table names no other call returns, in this process or another one sharing the same endpoint (for example through
/// TAPKO_DYNAMODB_URL), so test classes never see each other's items.
/// </summary>
public sealed class TableNames
{
    private int count;

    /// <param name="prefix">A readable hint of which test made the table; characters DynamoDB rejects are dropped.</param>
    public string Next(string prefix)
    {
        var readable = new StringBuilder();
        foreach (var c in prefix ?? string.Empty)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                readable.Append(c);
            }
        }

        var hint = readable.Length == 0 ? "t" : readable.ToString(0, Math.Min(readable.Length, 200));
        return $"{hint}-{Interlocked.Increment(ref count)}-{Guid.NewGuid():N}";
    }
}
