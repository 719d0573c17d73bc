using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Testing;

namespace Tapko.Data.TestSupport;

/// <summary>
/// One DynamoDB Local for a whole test assembly: starting one per class would cost a JVM start each. Tests share it
/// safely by giving every table a name from <see cref="TapkoTestTable.UniqueName"/>, or by using a <see cref="TapkoTestTable"/>.
/// </summary>
public abstract class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocal? local;

    /// <summary>The shared DynamoDB Local; owned by the fixture, do not dispose it.</summary>
    public DynamoDbLocal Local =>
        local ?? throw new InvalidOperationException("The DynamoDB Local fixture has not been started.");

    /// <summary>A client for the shared DynamoDB Local, without faults; owned by the fixture, do not dispose it.</summary>
    public IAmazonDynamoDB Client => Local.Client;

    /// <summary>Where the shared DynamoDB Local answers.</summary>
    public Uri Endpoint => Local.Endpoint;

    /// <summary>The smallest table there is, a string hash key named PK: enough to make DynamoDB Local store something.</summary>
    public static CreateTableRequest HashKeyTable(string name) => new()
    {
        TableName = name,
        KeySchema = [new KeySchemaElement("PK", KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition("PK", ScalarAttributeType.S)],
        BillingMode = BillingMode.PAY_PER_REQUEST,
    };

    // The default way, but for the start deadline: a JVM booting beside other test assemblies' JVMs on a busy machine
    // can take longer than the launcher's default minute, and a deadline here should only ever catch a hang.
    public async ValueTask InitializeAsync() =>
        local = await DynamoDbLocal.StartAsync(new DynamoDbLocalOptions { StartTimeout = TimeSpan.FromMinutes(3) });

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }
}
