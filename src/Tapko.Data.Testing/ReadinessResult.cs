namespace Tapko.Data.Testing;

/// <summary>How waiting for DynamoDB Local ended, with the last probe failure to explain a timeout.</summary>
internal sealed record ReadinessResult(ReadinessOutcome Outcome, TimeSpan Elapsed, Exception? LastFailure)
{
    public string LastFailureText => LastFailure is null ? "none" : Describe.Failure(LastFailure);
}
