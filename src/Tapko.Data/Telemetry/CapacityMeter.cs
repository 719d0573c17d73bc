using System.Diagnostics;

namespace Tapko.Data.Telemetry;

/// <summary>
/// The metrics of one store call: requests and capacity units as each response arrives (so a call that fails half-way
/// still reports what it spent), and the call's duration with its outcome when it ends.
/// </summary>
internal sealed class CapacityMeter(string operation, string table)
{
    private readonly long started = Stopwatch.GetTimestamp();

    public double ReadUnits { get; private set; }

    public double WriteUnits { get; private set; }

    public int Requests { get; private set; }

    /// <summary>Counts one request and publishes the units of each table and index part of <paramref name="consumed"/>.</summary>
    public void Publish(string dynamoDbOperation, bool isWrite, IEnumerable<ConsumedCapacity>? consumed)
    {
        Requests++;
        TapkoTelemetry.Requests.Add(1, Tag(TapkoTelemetry.OperationTag, operation), Tag(TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation));
        foreach (var capacity in consumed ?? [])
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

    /// <summary>Records the call's duration, tagged with its outcome (<c>ok</c> or the exception type).</summary>
    public void End(string outcome) =>
        TapkoTelemetry.Duration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            Tag(TapkoTelemetry.OperationTag, operation),
            Tag(TapkoTelemetry.TableTag, table),
            Tag(TapkoTelemetry.OutcomeTag, outcome));

    private void Publish(string dynamoDbOperation, bool isWrite, string tableName, string? index, double? read, double? write, double? total)
    {
        // DynamoDB fills ReadCapacityUnits/WriteCapacityUnits only on some paths; CapacityUnits is always there, and
        // the request type says which kind it was.
        var r = read ?? (isWrite ? 0 : total ?? 0);
        var w = write ?? (isWrite ? total ?? 0 : 0);
        ReadUnits += r;
        WriteUnits += w;
        var tags = new TagList
        {
            { TagNames.DbSystem, TagNames.DbSystemValue },
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
