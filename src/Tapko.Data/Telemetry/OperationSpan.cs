using System.Diagnostics;

namespace Tapko.Data.Telemetry;

/// <summary>
/// The span of one store call. Every DynamoDB request of the call is kept: <c>db.operation.name</c> names them all in
/// order (a project delete is <c>UpdateItem Query BatchWriteItem TransactWriteItems</c>), and each adds a span event.
/// </summary>
internal sealed class OperationSpan : IDisposable
{
    private readonly Activity? activity;
    private List<string>? operations;
    private List<string>? capacityJson;

    public OperationSpan(string operation, string table)
    {
        activity = TapkoTelemetry.Source.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag(TagNames.DbSystem, TagNames.DbSystemValue);
        activity?.SetTag(TapkoTelemetry.OperationTag, operation);
        activity?.SetTag(TagNames.TableNames, new[] { table });
    }

    public void SetTag(string name, object? value) => activity?.SetTag(name, value);

    /// <summary>Adds one request: its operation, and the capacity it reported (<see langword="null"/> when none).</summary>
    public void AddRequest(string dynamoDbOperation, IEnumerable<ConsumedCapacity>? consumed)
    {
        if (activity is null)
        {
            return;
        }

        operations ??= [];
        if (!operations.Contains(dynamoDbOperation))
        {
            operations.Add(dynamoDbOperation);
        }

        var tags = new ActivityTagsCollection { [TapkoTelemetry.DynamoDbOperationTag] = dynamoDbOperation };
        foreach (var capacity in consumed ?? [])
        {
            if (capacity is not null)
            {
                var json = ConsumedCapacityJson.Of(capacity);
                (capacityJson ??= []).Add(json);
                tags[TagNames.ConsumedCapacity] = json;
            }
        }

        activity.AddEvent(new ActivityEvent(TagNames.RequestEvent, tags: tags));
    }

    public void Fail(Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag(TagNames.ErrorType, exception.GetType().FullName);
    }

    /// <summary>Ends the span with the call's totals and outcome.</summary>
    public void End(string outcome, double readUnits, double writeUnits, int requests)
    {
        if (activity is null)
        {
            return;
        }

        if (operations is not null)
        {
            activity.SetTag(TapkoTelemetry.DynamoDbOperationTag, string.Join(' ', operations));
        }

        if (capacityJson is not null)
        {
            // The conventions define it as one JSON-serialised ConsumedCapacity per DynamoDB response.
            activity.SetTag(TagNames.ConsumedCapacity, capacityJson.ToArray());
        }

        activity.SetTag(TagNames.ReadUnits, readUnits);
        activity.SetTag(TagNames.WriteUnits, writeUnits);
        activity.SetTag(TagNames.Requests, requests);
        activity.SetTag(TapkoTelemetry.OutcomeTag, outcome);
    }

    public void Dispose() => activity?.Dispose();
}
