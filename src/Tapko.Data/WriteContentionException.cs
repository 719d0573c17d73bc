namespace Tapko.Data;

/// <summary>
/// DynamoDB cancelled the write every time because concurrent writes held the same items (a transaction conflict),
/// through every attempt the store makes (<see cref="TapkoStoreOptions.TransactionConflictMaxAttempts"/>). Nothing was
/// written. The call is safe to repeat: a submission repeated with the same <see cref="NewFeedback.Id"/> is the same
/// submission. It happens under bursts on one project (see docs/scale.md: sharded projects spread them); hosts
/// typically map it to HTTP 503 with a retry hint. The DynamoDB cancellation is the inner exception.
/// </summary>
public sealed class WriteContentionException : TapkoException
{
    internal WriteContentionException(string operation, int attempts, Exception innerException)
        : base(
            $"{operation} was cancelled by DynamoDB {attempts} time(s) because concurrent writes held the same items; nothing was written. " +
            "Repeat the call later (with the same feedback id, a submission applies once).",
            innerException)
    {
        Attempts = attempts;
    }

    /// <summary>How many times the write was sent before the store gave up.</summary>
    public int Attempts { get; }
}
