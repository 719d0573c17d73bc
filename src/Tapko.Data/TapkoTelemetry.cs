using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Tapko.Data;

/// <summary>
/// Names of the library's telemetry. Subscribe to the <see cref="MeterName"/> meter and the
/// <see cref="ActivitySourceName"/> activity source (e.g. <c>AddMeter("Tapko.Data")</c> and
/// <c>AddSource("Tapko.Data")</c> in OpenTelemetry) to see what every call costs.
/// </summary>
public static class TapkoTelemetry
{
    /// <summary>Name of the <see cref="Meter"/>.</summary>
    public const string MeterName = "Tapko.Data";

    /// <summary>Name of the <see cref="ActivitySource"/>: one span per store call.</summary>
    public const string ActivitySourceName = "Tapko.Data";

    /// <summary>Counter of read capacity units consumed, tagged by operation, table and index.</summary>
    public const string ReadCapacityInstrument = "tapko.data.read_capacity_units";

    /// <summary>Counter of write capacity units consumed, tagged by operation, table and index.</summary>
    public const string WriteCapacityInstrument = "tapko.data.write_capacity_units";

    /// <summary>Histogram of store-call durations in seconds, tagged by operation and outcome.</summary>
    public const string DurationInstrument = "tapko.data.operation.duration";

    /// <summary>Counter of DynamoDB requests sent, tagged by operation and DynamoDB operation.</summary>
    public const string RequestsInstrument = "tapko.data.requests";

    /// <summary>Tag: the store operation, e.g. <c>feedback.submit</c>.</summary>
    public const string OperationTag = "tapko.operation";

    /// <summary>Tag: the DynamoDB operation, e.g. <c>TransactWriteItems</c>.</summary>
    public const string DynamoDbOperationTag = "db.operation.name";

    /// <summary>Tag: the table name.</summary>
    public const string TableTag = "aws.dynamodb.table_name";

    /// <summary>Tag: the index name; absent for the table's own capacity.</summary>
    public const string IndexTag = "aws.dynamodb.index_name";

    /// <summary>Tag: <c>ok</c> or the exception type name.</summary>
    public const string OutcomeTag = "tapko.outcome";

    private static readonly string? Version = typeof(TapkoTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);
    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Counter<double> ReadUnits =
        Meter.CreateCounter<double>(ReadCapacityInstrument, "{capacity_unit}", "Read capacity units consumed by DynamoDB requests.");

    internal static readonly Counter<double> WriteUnits =
        Meter.CreateCounter<double>(WriteCapacityInstrument, "{capacity_unit}", "Write capacity units consumed by DynamoDB requests.");

    internal static readonly Counter<long> Requests =
        Meter.CreateCounter<long>(RequestsInstrument, "{request}", "DynamoDB requests sent by store calls.");

    internal static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>(DurationInstrument, "s", "Duration of store calls, all their DynamoDB requests included.");
}
