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

    [LoggerMessage(EventId = 8, EventName = "CountsFailed", Level = LogLevel.Warning,
        Message = "The projector could not apply the counts of project {ProjectId}; the batch is read again from that record")]
    public static partial void CountsFailed(ILogger logger, ProjectId projectId, Exception exception);

    [LoggerMessage(EventId = 9, EventName = "HandlerFailed", Level = LogLevel.Warning,
        Message = "Feedback event handler {Handler} failed on {Kind} event {EventId} (attempt {Attempt})")]
    public static partial void HandlerFailed(ILogger logger, string handler, string kind, string eventId, int attempt, Exception exception);

    [LoggerMessage(EventId = 10, EventName = "DeadLettered", Level = LogLevel.Error,
        Message = "Feedback event {EventId} ({Kind}) kept failing in handler {Handler}; kept as a dead letter to replay")]
    public static partial void DeadLettered(ILogger logger, string handler, string kind, string eventId);

    [LoggerMessage(EventId = 11, EventName = "DeadLetterFailed", Level = LogLevel.Error,
        Message = "Feedback event {EventId} could not be kept as a dead letter; the batch is read again from it")]
    public static partial void DeadLetterFailed(ILogger logger, string eventId, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "ProjectorPassFailed", Level = LogLevel.Warning,
        Message = "The projector of table {Table} failed to read its stream ({Failures} in a row); it resumes from its checkpoints")]
    public static partial void ProjectorPassFailed(ILogger logger, string table, int failures, Exception exception);

    [LoggerMessage(EventId = 13, EventName = "StreamTrimmed", Level = LogLevel.Error,
        Message = "Stream shard {ShardId} no longer holds the records after {SequenceNumber} (kept 24 hours): " +
            "changes were lost to the projector; counts may be off until recounted")]
    public static partial void StreamTrimmed(ILogger logger, string shardId, string sequenceNumber);
}
