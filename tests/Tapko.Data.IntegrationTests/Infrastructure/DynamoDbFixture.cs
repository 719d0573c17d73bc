using System.Text;
using Amazon.DynamoDBv2;
using Tapko.Data.IntegrationTests;
using Tapko.Data.Testing;

[assembly: AssemblyFixture(typeof(DynamoDbFixture))]

namespace Tapko.Data.IntegrationTests;

/// <summary>
/// One DynamoDB Local for the whole test assembly: starting one per class would cost a JVM start each. Tests share it
/// safely by giving every table a name from <see cref="NewTableName"/>. Inject it through a test class constructor.
/// </summary>
public sealed class DynamoDbFixture : IAsyncLifetime
{
    private DynamoDbLocal? local;
    private int tableCount;

    /// <summary>A client for the shared DynamoDB Local; owned by the fixture, do not dispose it.</summary>
    public IAmazonDynamoDB Client => Local.Client;

    /// <summary>Where the shared DynamoDB Local answers.</summary>
    public Uri Endpoint => Local.Endpoint;

    internal DynamoDbLocal Local =>
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
        var count = Interlocked.Increment(ref tableCount);
        return $"{hint}-{count}-{Guid.NewGuid():N}";
    }

    public async ValueTask InitializeAsync() =>
        local = await DynamoDbLocal.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }
}
