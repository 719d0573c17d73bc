namespace Tapko.Data.Telemetry;

/// <summary>
/// One store call, from its first argument check to its last response: its span (<see cref="OperationSpan"/>) and its
/// metrics (<see cref="CapacityMeter"/>). The request path (<see cref="Requests.RequestSender"/>) records every request
/// here; a failure anywhere in the call, a refused argument included, is recorded by <see cref="Fail"/>.
/// </summary>
internal sealed class OperationScope : IDisposable
{
    private readonly OperationSpan span;
    private readonly CapacityMeter meter;
    private string outcome = "ok";
    private Dictionary<string, int>? sums;

    public OperationScope(string operation, string table)
    {
        Operation = operation;
        span = new OperationSpan(operation, table);
        meter = new CapacityMeter(operation, table);
    }

    /// <summary>The store operation, one of <see cref="OperationNames"/>.</summary>
    public string Operation { get; }

    /// <summary>Records one request and the capacity it consumed (<see langword="null"/> when DynamoDB returned none).</summary>
    public void Record(string dynamoDbOperation, bool isWrite, IEnumerable<ConsumedCapacity>? consumed)
    {
        // A bulk call sends requests in parallel within one scope.
        lock (span)
        {
            meter.Publish(dynamoDbOperation, isWrite, consumed);
            span.AddRequest(dynamoDbOperation, consumed);
        }
    }

    /// <summary>Adds <paramref name="value"/> to a numeric tag of the call's span (a figure summed over its requests).</summary>
    public void AddToTag(string name, int value)
    {
        lock (span)
        {
            sums ??= new Dictionary<string, int>(StringComparer.Ordinal);
            var sum = sums[name] = sums.GetValueOrDefault(name) + value;
            span.SetTag(name, sum);
        }
    }

    /// <summary>Adds a tag to the call's span.</summary>
    public void Tag(string name, object? value)
    {
        lock (span)
        {
            span.SetTag(name, value);
        }
    }

    public void Fail(Exception exception)
    {
        outcome = exception.GetType().Name;
        span.Fail(exception);
    }

    public void Dispose()
    {
        meter.End(outcome);
        span.End(outcome, meter.ReadUnits, meter.WriteUnits, meter.Requests);
        span.Dispose();
    }
}
