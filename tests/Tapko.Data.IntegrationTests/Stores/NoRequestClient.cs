using System.Reflection;
using Amazon.DynamoDBv2;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// An <see cref="IAmazonDynamoDB"/> that counts and refuses every call, to prove a store rejected input before sending
/// anything.
/// </summary>
public class NoRequestClient : DispatchProxy
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public static (IAmazonDynamoDB Client, NoRequestClient Probe) Create()
    {
        var client = DispatchProxy.Create<IAmazonDynamoDB, NoRequestClient>();
        return (client, (NoRequestClient)(object)client);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IDisposable.Dispose))
        {
            return null;
        }

        Interlocked.Increment(ref calls);
        throw new InvalidOperationException($"No DynamoDB request was expected, but {targetMethod?.Name} was called.");
    }
}
