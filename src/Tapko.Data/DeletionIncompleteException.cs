namespace Tapko.Data;

/// <summary>
/// A project delete stopped part-way because DynamoDB kept returning deletes as unprocessed (throttling) through
/// every attempt (<see cref="TapkoStoreOptions.BatchWriteMaxAttempts"/>). The project is closed and marked as being
/// deleted, so it accepts nothing new; call <see cref="IProjectStore.DeleteAsync"/> again to finish. Hosts typically
/// map it to HTTP 503 with a retry hint.
/// </summary>
public sealed class DeletionIncompleteException : TapkoException
{
    internal DeletionIncompleteException(ProjectKey project, int deleted, int remaining, int attempts)
        : base(
            $"Deleting project '{project.ProjectId}' stopped with {remaining} feedback items of a batch still in place after {attempts} attempts " +
            $"(DynamoDB throttling), {deleted} already deleted. The project is closed and marked as being deleted; call DeleteAsync again to finish.")
    {
        Deleted = deleted;
        Remaining = remaining;
    }

    /// <summary>Feedback items this call deleted before it stopped.</summary>
    public int Deleted { get; }

    /// <summary>Deletes of the batch DynamoDB left unprocessed; more pages may follow them.</summary>
    public int Remaining { get; }
}
