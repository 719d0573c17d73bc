namespace Tapko.Data.LoadTest;

/// <summary>How a submission ended for its caller.</summary>
public enum Outcome
{
    /// <summary>The store returned a receipt.</summary>
    Acknowledged,

    /// <summary>Throttled past the SDK's retries (or its retry quota).</summary>
    Throttled,

    /// <summary>Cancelled by transaction conflicts past the library's attempts.</summary>
    Conflicted,

    /// <summary>Any other definite refusal (the store or DynamoDB said no, and nothing was written).</summary>
    Failed,

    /// <summary>
    /// No definite answer: the client timed out, DynamoDB answered 5xx or said an earlier send of the same transaction
    /// is still running, or the connection failed, after the SDK's retries. The write may have been applied; the
    /// caller's move is to repeat it with the same id.
    /// </summary>
    Unknown,
}

/// <summary>One submission of a run, in model seconds from the start of the burst.</summary>
/// <param name="Index">Its place in the schedule (and the nonce in its message).</param>
/// <param name="Id">The caller-chosen feedback id.</param>
/// <param name="Scheduled">When it was due.</param>
/// <param name="Started">When a submitter started it.</param>
/// <param name="Completed">When the store call returned or threw.</param>
/// <param name="Outcome">What the caller got.</param>
/// <param name="Error">The exception type of a refusal.</param>
public readonly record struct SubmissionResult(int Index, FeedbackId Id, double Scheduled, double Started, double Completed, Outcome Outcome, string? Error)
{
    /// <summary>From due time to answer, so waiting for a free submitter counts too.</summary>
    public double LatencyMs => (Completed - Scheduled) * 1_000;
}
