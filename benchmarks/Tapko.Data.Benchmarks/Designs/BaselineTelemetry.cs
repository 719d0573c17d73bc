using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// The baselines publish their consumed capacity under the library's instrument names and tags, on a meter of their
/// own, so one listener reads every design the same way and no design is measured by a different instrument.
/// </summary>
public static class BaselineTelemetry
{
    public const string MeterName = "Tapko.Data.Benchmarks.Baselines";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<double> ReadUnits = Meter.CreateCounter<double>(TapkoTelemetry.ReadCapacityInstrument);
    private static readonly Counter<double> WriteUnits = Meter.CreateCounter<double>(TapkoTelemetry.WriteCapacityInstrument);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(TapkoTelemetry.RequestsInstrument);

    public static void Record(string operation, string dynamoDbOperation, string table, bool isWrite, IEnumerable<ConsumedCapacity?>? consumed)
    {
        Requests.Add(1, new TagList
        {
            { TapkoTelemetry.OperationTag, operation },
            { TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation },
            { TapkoTelemetry.TableTag, table },
        });
        foreach (var capacity in consumed ?? [])
        {
            if (capacity is null)
            {
                continue;
            }

            var tableName = capacity.TableName ?? table;
            if (capacity.Table is { } own)
            {
                Publish(operation, dynamoDbOperation, tableName, null, isWrite, own.ReadCapacityUnits, own.WriteCapacityUnits, own.CapacityUnits);
            }

            foreach (var (index, part) in capacity.GlobalSecondaryIndexes ?? [])
            {
                Publish(operation, dynamoDbOperation, tableName, index, isWrite, part.ReadCapacityUnits, part.WriteCapacityUnits, part.CapacityUnits);
            }

            if (capacity.Table is null && capacity.GlobalSecondaryIndexes is null)
            {
                Publish(operation, dynamoDbOperation, tableName, null, isWrite, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits, capacity.CapacityUnits);
            }
        }
    }

    public static void Record(string operation, string dynamoDbOperation, string table, bool isWrite, ConsumedCapacity? consumed) =>
        Record(operation, dynamoDbOperation, table, isWrite, [consumed]);

    private static void Publish(string operation, string dynamoDbOperation, string table, string? index, bool isWrite, double? read, double? write, double? total)
    {
        var r = read ?? (isWrite ? 0 : total ?? 0);
        var w = write ?? (isWrite ? total ?? 0 : 0);
        var tags = new TagList
        {
            { TapkoTelemetry.OperationTag, operation },
            { TapkoTelemetry.DynamoDbOperationTag, dynamoDbOperation },
            { TapkoTelemetry.TableTag, table },
        };
        if (index is not null)
        {
            tags.Add(TapkoTelemetry.IndexTag, index);
        }

        if (r > 0)
        {
            ReadUnits.Add(r, tags);
        }

        if (w > 0)
        {
            WriteUnits.Add(w, tags);
        }
    }
}
