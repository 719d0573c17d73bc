using System.Diagnostics;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Internal;

/// <summary>
/// One store call: its span, its duration, and the capacity its DynamoDB requests consumed. Capacity is published to
/// the meter as each response arrives, so a call that fails half-way still reports what it spent.
/// </summary>
internal sealed class OperationScope : IDisposable
{
    private readonly string operation;
    private readonly string table;
    private readonly Activity? activity;
    private readonly long started = Stopwatch.GetTimestamp();
    private double readUnits;
    private double writeUnits;
    private int requests;
    private string outcome = "ok";

    public OperationScope(string operation, string table)
    {
        this.operation = operation;
        this.table = table;
        activity = TapkoTelemetry.Source.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag("db.system.name", "aws.dynamodb");
        activity?.SetTag(TapkoTelemetry.OperationTag, operation);
        activity?.SetTag("aws.dynamodb.table_names", new[] { table });
    }

    public Activity? Activity => activity;

    /// <summary>Records one request and the capacity it consumed (<see langword="null"/> when DynamoDB returned none).</summary>
    public void Record(string dynamoDbOperation, bool isWrite, IEnumerable<ConsumedCapacity>? consumed)
    {
        requests++;
        TapkoTelemetry.Requests.Add(1, Tag(TapkoTelemetry.OperationTag, operation), Tag(TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation));
        activity?.SetTag(TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation);
        if (consumed is null)
        {
            return;
        }

        foreach (var capacity in consumed)
        {
            if (capacity is null)
            {
                continue;
            }

            var tableName = capacity.TableName ?? table;
            if (capacity.Table is { } tablePart)
            {
                Publish(dynamoDbOperation, isWrite, tableName, null, tablePart.ReadCapacityUnits, tablePart.WriteCapacityUnits, tablePart.CapacityUnits);
            }

            foreach (var (index, part) in capacity.GlobalSecondaryIndexes ?? [])
            {
                Publish(dynamoDbOperation, isWrite, tableName, index, part.ReadCapacityUnits, part.WriteCapacityUnits, part.CapacityUnits);
            }

            if (capacity.Table is null && capacity.GlobalSecondaryIndexes is null)
            {
                Publish(dynamoDbOperation, isWrite, tableName, null, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits, capacity.CapacityUnits);
            }
        }
    }

    public void Fail(Exception exception)
    {
        outcome = exception.GetType().Name;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }

    public void Dispose()
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        TapkoTelemetry.Duration.Record(
            elapsed.TotalSeconds,
            Tag(TapkoTelemetry.OperationTag, operation),
            Tag(TapkoTelemetry.TableTag, table),
            Tag(TapkoTelemetry.OutcomeTag, outcome));
        if (activity is not null)
        {
            activity.SetTag("aws.dynamodb.consumed_capacity", readUnits + writeUnits);
            activity.SetTag("tapko.read_capacity_units", readUnits);
            activity.SetTag("tapko.write_capacity_units", writeUnits);
            activity.SetTag("tapko.requests", requests);
            activity.SetTag(TapkoTelemetry.OutcomeTag, outcome);
            activity.Dispose();
        }
    }

    private void Publish(string dynamoDbOperation, bool isWrite, string tableName, string? index, double? read, double? write, double? total)
    {
        // DynamoDB fills ReadCapacityUnits/WriteCapacityUnits only on some paths; CapacityUnits is always there, and
        // the request type says which kind it was.
        var r = read ?? (isWrite ? 0 : total ?? 0);
        var w = write ?? (isWrite ? total ?? 0 : 0);
        readUnits += r;
        writeUnits += w;
        var tags = new TagList
        {
            { TapkoTelemetry.OperationTag, operation },
            { TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation },
            { TapkoTelemetry.TableTag, tableName },
        };
        if (index is not null)
        {
            tags.Add(TapkoTelemetry.IndexTag, index);
        }

        if (r > 0)
        {
            TapkoTelemetry.ReadUnits.Add(r, tags);
        }

        if (w > 0)
        {
            TapkoTelemetry.WriteUnits.Add(w, tags);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
