using Amazon.DynamoDBv2;
using Tapko.Data.IntegrationTests;
using Tapko.Data.Testing;
using Tapko.Data.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbFixture))]

namespace Tapko.Data.IntegrationTests;

/// <summary>
/// One DynamoDB Local for the whole test assembly: starting one per class would cost a JVM start each. Tests share it
/// safely by giving every table a name from <see cref="NewTableName"/>. Inject it through a test class constructor.
/// </summary>
public sealed class DynamoDbFixture : IAsyncLifetime
{
    private DynamoDbLocal? local;
    private readonly TableNames tableNames = new();

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
    public string NewTableName(string prefix) => tableNames.Next(prefix);

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
