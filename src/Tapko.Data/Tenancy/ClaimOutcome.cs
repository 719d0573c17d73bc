namespace Tapko.Data.Tenancy;

/// <summary>
/// What a call's body came to under a claim: its answer, or the finding that DynamoDB's answer belongs to another life
/// of the project id, so the claim acted on is stale. <see cref="ProjectOwners.WithClaimAsync{T}(OperationScope, ProjectId, UserId?,
/// Func{ProjectClaim, bool, Task{ClaimOutcome{T}}}, Func{T}, CancellationToken)"/> reads the claim again and reruns the body, or
/// answers as for a missing project; a value rather than an exception, so nothing unwinds between the layers.
/// </summary>
/// <typeparam name="T">The call's answer.</typeparam>
internal readonly struct ClaimOutcome<T>
{
    public ClaimOutcome(T value) => Value = value;

    private ClaimOutcome(bool stale)
        : this(default(T)!) => IsStale = stale;

    public T Value { get; }

    /// <summary>Whether the body found the claim stale (and so has no answer).</summary>
    public bool IsStale { get; }

    public static implicit operator ClaimOutcome<T>(T value) => new(value);

    public static implicit operator ClaimOutcome<T>(StaleClaim stale) => new(stale: true);
}

/// <summary>The answer of a body that found its claim stale; converts to the <see cref="ClaimOutcome{T}"/> of any call.</summary>
internal readonly struct StaleClaim
{
    public static StaleClaim Found => default;
}
