namespace Tapko.Data.Tenancy;

/// <summary>
/// Thrown inside a store call when DynamoDB's answer shows that the claim it acted on is no longer the project's (the
/// project was deleted, or deleted and created again, by another process). Never leaves the library: the call reads
/// the claim again and retries once, or answers as for a missing project.
/// </summary>
internal sealed class StaleClaimException : Exception
{
    public StaleClaimException()
        : base("The cached claim of the project id is stale.")
    {
    }
}
