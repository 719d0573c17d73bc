namespace Tapko.Data.Telemetry;

/// <summary>
/// Span and metric tags beyond the public ones of <see cref="TapkoTelemetry"/>: OpenTelemetry's database and DynamoDB
/// conventions, and the library's own totals.
/// </summary>
internal static class TagNames
{
    public const string DbSystem = "db.system.name";
    public const string DbSystemValue = "aws.dynamodb";
    public const string TableNames = "aws.dynamodb.table_names";
    public const string ConsistentRead = "aws.dynamodb.consistent_read";
    public const string Limit = "aws.dynamodb.limit";
    public const string ScanForward = "aws.dynamodb.scan_forward";
    public const string Count = "aws.dynamodb.count";
    public const string ScannedCount = "aws.dynamodb.scanned_count";
    public const string ConsumedCapacity = "aws.dynamodb.consumed_capacity";
    public const string ErrorType = "error.type";
    public const string ReadUnits = "tapko.read_capacity_units";
    public const string WriteUnits = "tapko.write_capacity_units";
    public const string Requests = "tapko.requests";
    public const string FeedbackDeleted = "tapko.feedback_deleted";
    public const string Records = "tapko.stream_records";

    /// <summary>The name of the span event each DynamoDB request of a store call adds.</summary>
    public const string RequestEvent = "aws.dynamodb.request";
}
