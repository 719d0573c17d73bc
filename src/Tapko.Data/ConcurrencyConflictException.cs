namespace Tapko.Data;

/// <summary>
/// The item changed since the caller last saw it: an expected version or expected status no longer holds. Nothing
/// was written. Re-read and decide again; hosts typically map it to HTTP 409 or 412.
/// </summary>
public sealed class ConcurrencyConflictException : TapkoException
{
    internal ConcurrencyConflictException(string message, string? actual, Exception? innerException = null)
        : base(message, innerException)
    {
        Actual = actual;
    }

    /// <summary>The current value that failed the expectation (a status wire name or a version), when DynamoDB returned it.</summary>
    public string? Actual { get; }

    /// <summary>Feedback that is no longer in the status the caller expected.</summary>
    internal static ConcurrencyConflictException Status(FeedbackId id, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> current,
        FeedbackStatus? expected, Exception? cause)
    {
        var actual = current.GetValueOrDefault(AttributeNames.Status)?.S;
        return new($"Feedback '{id}' is '{actual}', not '{expected?.ToWireName()}' as expected; its status was not changed.", actual, cause);
    }

    /// <summary>A project that is no longer at the version the caller expected.</summary>
    internal static ConcurrencyConflictException Version(ProjectKey project, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> current,
        long? expected, Exception cause)
    {
        var actual = current.GetValueOrDefault(AttributeNames.Version)?.N;
        return new($"Project '{project.ProjectId}' is at version {actual}, not {expected} as expected; it was not changed.", actual, cause);
    }
}
