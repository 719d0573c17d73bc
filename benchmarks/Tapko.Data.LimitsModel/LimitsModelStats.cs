namespace Tapko.Data.LimitsModel;

/// <summary>What the model has seen and done so far; every count includes the SDK's and the library's retries.</summary>
/// <param name="Requests">HTTP requests the SDK sent through the model.</param>
/// <param name="Forwarded">Requests passed on to DynamoDB (only these can have had an effect).</param>
/// <param name="Throttled">Requests answered with a throttle, not forwarded.</param>
/// <param name="TransactionConflicts">Transactions cancelled for a conflict with one in flight, not forwarded.</param>
/// <param name="WriteConflicts">Single-item writes refused for an item a transaction in flight holds, not forwarded.</param>
public readonly record struct LimitsModelStats(long Requests, long Forwarded, long Throttled, long TransactionConflicts, long WriteConflicts)
{
    /// <summary>The counts since <paramref name="earlier"/>.</summary>
    public LimitsModelStats Since(LimitsModelStats earlier) => new(
        Requests - earlier.Requests,
        Forwarded - earlier.Forwarded,
        Throttled - earlier.Throttled,
        TransactionConflicts - earlier.TransactionConflicts,
        WriteConflicts - earlier.WriteConflicts);
}
