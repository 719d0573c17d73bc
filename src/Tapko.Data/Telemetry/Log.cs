using Microsoft.Extensions.Logging;

namespace Tapko.Data.Telemetry;

/// <summary>
/// The library's log messages, source-generated so a disabled level costs nothing. They carry operation names,
/// ids and counts; never a feedback message, a payload or a project name.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "Throttled", Level = LogLevel.Warning,
        Message = "DynamoDB throttled {Operation} on table {Table} beyond the client's retries ({ErrorCode})")]
    public static partial void Throttled(ILogger logger, string operation, string table, string errorCode);

    [LoggerMessage(EventId = 2, EventName = "Retrying", Level = LogLevel.Information,
        Message = "Retrying {Operation} on table {Table} after {Reason}: attempt {Attempt} in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string operation, string table, string reason, int attempt, long delayMilliseconds);

    [LoggerMessage(EventId = 3, EventName = "Conflict", Level = LogLevel.Information,
        Message = "{Operation} on table {Table} refused by a concurrent change; the current value is {Actual}")]
    public static partial void Conflict(ILogger logger, string operation, string table, string actual);

    [LoggerMessage(EventId = 4, EventName = "Refused", Level = LogLevel.Debug,
        Message = "{Operation} on table {Table} refused")]
    public static partial void Refused(ILogger logger, string operation, string table, TapkoException exception);

    [LoggerMessage(EventId = 5, EventName = "RepeatedSubmission", Level = LogLevel.Debug,
        Message = "Submission {FeedbackId} to project {ProjectId} was already stored; returned the stored feedback")]
    public static partial void RepeatedSubmission(ILogger logger, FeedbackId feedbackId, ProjectId projectId);

    [LoggerMessage(EventId = 6, EventName = "LeftoversRemoved", Level = LogLevel.Information,
        Message = "Removed {Count} feedback items that an earlier life of project id {ProjectId} left behind, before claiming it again")]
    public static partial void LeftoversRemoved(ILogger logger, ProjectId projectId, int count);

    [LoggerMessage(EventId = 7, EventName = "InvalidArgument", Level = LogLevel.Debug,
        Message = "{Operation} on table {Table} refused argument {Parameter} before sending anything")]
    public static partial void InvalidArgument(ILogger logger, string operation, string table, string parameter);
}
