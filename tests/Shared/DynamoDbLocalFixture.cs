using System.Text;
using Amazon.DynamoDBv2;
using Tapko.Data.Testing;

namespace Tapko.Data.TestSupport;

/// <summary>
/// One DynamoDB Local for a whole test assembly: starting one per class would cost a JVM start each. Tests share it
/// safely by giving every table a name from <see cref="NewTableName"/>.
/// </summary>
public abstract class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocal? local;
    private int tableCount;

    /// <summary>A client for the shared DynamoDB Local, without faults; owned by the fixture, do not dispose it.</summary>
    public IAmazonDynamoDB Client => Local.Client;

    /// <summary>Where the shared DynamoDB Local answers.</summary>
    public Uri Endpoint => Local.Endpoint;

    private DynamoDbLocal Local =>
        local ?? throw new InvalidOperationException("The DynamoDB Local fixture has not been started.");

    /// <summary>
    /// A table name no other call returns, in this process or another one sharing the same endpoint
    /// (for example through TAPKO_DYNAMODB_URL), so test classes never see each other's items.
    /// </summary>
    /// <param name="prefix">A readable hint of which test made the table; characters DynamoDB rejects are dropped.</param>
    public string NewTableName(string prefix)
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
        return $"{hint}-{Interlocked.Increment(ref tableCount)}-{Guid.NewGuid():N}";
    }

    public async ValueTask InitializeAsync() =>
        local = await DynamoDbLocal.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }
}
