namespace Tapko.Data.Testing;

/// <summary>
/// Thrown when <see cref="DynamoDbLocal.StartAsync"/> cannot provide a working DynamoDB Local. The message says what was
/// tried and what to change; when a process was started, it ends with the last lines that process printed.
/// </summary>
public sealed class DynamoDbLocalException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public DynamoDbLocalException()
        : base("DynamoDB Local could not be started.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    public DynamoDbLocalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the failure that caused it.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DynamoDbLocalException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
