using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;

namespace Tapko.Data.Tests;

/// <summary>
/// An <see cref="IAmazonDynamoDB"/> that records every request and answers each with an empty response of its type (a
/// write that applied, a read that found nothing), so code can be run to see which DynamoDB actions it sends.
/// </summary>
public class RecordingDynamoDb : DispatchProxy
{
    private readonly ConcurrentQueue<(string Operation, object? Request)> sent = new();

    /// <summary>What was sent, in order: the operation (<c>UpdateItem</c>, …) and its request.</summary>
    public IReadOnlyList<(string Operation, object? Request)> Sent => [.. sent];

    public static (IAmazonDynamoDB Client, RecordingDynamoDb Recorder) Create()
    {
        var client = DispatchProxy.Create<IAmazonDynamoDB, RecordingDynamoDb>();
        return (client, (RecordingDynamoDb)(object)client);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            return null;
        }

        if (targetMethod.Name == "get_Config")
        {
            return new AmazonDynamoDBConfig();
        }

        var returns = targetMethod.ReturnType;
        if (!returns.IsGenericType || returns.GetGenericTypeDefinition() != typeof(Task<>) || !targetMethod.Name.EndsWith("Async", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"{targetMethod.Name} is not a request this recorder answers.");
        }

        sent.Enqueue((targetMethod.Name[..^"Async".Length], args?.FirstOrDefault()));
        var response = Activator.CreateInstance(returns.GetGenericArguments()[0]);
        return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(null, [response]);
    }
}
