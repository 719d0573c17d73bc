using System.Diagnostics;
using System.Text.Json;
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
    private List<string>? capacityJson;

    public OperationScope(string operation, string table)
    {
        this.operation = operation;
        this.table = table;
        activity = TapkoTelemetry.Source.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag(DbSystemTag, DbSystem);
        activity?.SetTag(TapkoTelemetry.OperationTag, operation);
        activity?.SetTag("aws.dynamodb.table_names", new[] { table });
    }

    private const string DbSystemTag = "db.system.name";
    private const string DbSystem = "aws.dynamodb";

    public Activity? Activity => activity;

    /// <summary>The store operation, e.g. <c>feedback.submit</c>.</summary>
    public string Operation => operation;

    /// <summary>Records a Query with the request and response attributes OpenTelemetry's DynamoDB conventions define.</summary>
    public void RecordQuery(QueryRequest request, QueryResponse response)
    {
        if (activity is not null)
        {
            if (request.IndexName is not null)
            {
                activity.SetTag(TapkoTelemetry.IndexTag, request.IndexName);
            }

            activity.SetTag("aws.dynamodb.consistent_read", request.ConsistentRead ?? false);
            activity.SetTag("aws.dynamodb.limit", request.Limit);
            activity.SetTag("aws.dynamodb.scan_forward", request.ScanIndexForward ?? true);
            activity.SetTag("aws.dynamodb.count", response.Count);
            activity.SetTag("aws.dynamodb.scanned_count", response.ScannedCount);
        }

        Record("Query", isWrite: false, [response.ConsumedCapacity]);
    }

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
            if (activity is not null)
            {
                (capacityJson ??= []).Add(ToJson(capacity));
            }

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
            if (capacityJson is not null)
            {
                // The conventions define it as one JSON-serialised ConsumedCapacity per DynamoDB response.
                activity.SetTag("aws.dynamodb.consumed_capacity", capacityJson.ToArray());
            }

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
            { DbSystemTag, DbSystem },
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

    private static string ToJson(ConsumedCapacity capacity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("TableName", capacity.TableName);
            WriteUnits(json, capacity.CapacityUnits, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits);
            if (capacity.Table is { } tablePart)
            {
                json.WriteStartObject("Table");
                WriteUnits(json, tablePart.CapacityUnits, tablePart.ReadCapacityUnits, tablePart.WriteCapacityUnits);
                json.WriteEndObject();
            }

            if (capacity.GlobalSecondaryIndexes is { Count: > 0 } indexes)
            {
                json.WriteStartObject("GlobalSecondaryIndexes");
                foreach (var (name, part) in indexes)
                {
                    json.WriteStartObject(name);
                    WriteUnits(json, part.CapacityUnits, part.ReadCapacityUnits, part.WriteCapacityUnits);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteUnits(Utf8JsonWriter json, double? total, double? read, double? write)
    {
        if (total is { } t)
        {
            json.WriteNumber("CapacityUnits", t);
        }

        if (read is { } r)
        {
            json.WriteNumber("ReadCapacityUnits", r);
        }

        if (write is { } w)
        {
            json.WriteNumber("WriteCapacityUnits", w);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
