using System.Security.Cryptography;
using System.Text;

namespace Tapko.Data.Requests;

/// <summary>
/// A transaction on one project's items, with a client request token named for what it does: DynamoDB treats a repeat
/// of the token within 10 minutes as the same transaction and a repeat with other content as a parameter mismatch, so a
/// retried call applies once and a different call under the same name is refused rather than merged.
/// </summary>
internal static class ProjectTransaction
{
    /// <summary>The transaction of <paramref name="actions"/>, billed per index, under the token of <paramref name="what"/>.</summary>
    public static TransactWriteItemsRequest Of(ProjectKey project, string what, IEnumerable<TransactWriteItem> actions) => new()
    {
        ClientRequestToken = Token(project, what),
        ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        TransactItems = [.. actions],
    };

    /// <summary>
    /// The token of <paramref name="what"/> on <paramref name="project"/>; hashed because a token is at most 36 characters,
    /// and salted with the owner so two owners' calls never share one.
    /// </summary>
    public static string Token(ProjectKey project, string what)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{project.Owner.Value}\n{project.ProjectId.Value}\n{what}"));
        return Convert.ToHexString(hash, 0, 18);
    }
}
