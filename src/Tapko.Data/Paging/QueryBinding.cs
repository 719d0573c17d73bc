namespace Tapko.Data.Internal;

/// <summary>
/// The canonical description of a query that a continuation token is bound to. Ids cannot contain control
/// characters, so a line feed separates the parts unambiguously.
/// </summary>
internal static class QueryBinding
{
    public static string Projects(UserId owner) => Join("projects", owner.Value);

    /// <summary>A page of one life of a project: a token outlives neither a deletion of the project nor its re-creation.</summary>
    public static string Feedback(ProjectKey project, string incarnation, FeedbackStatus? status, FeedbackQuery query) =>
        Join(
            "feedback",
            project.Owner.Value,
            project.ProjectId.Value,
            incarnation,
            status is null ? "table" : TapkoKeys.StatusIndexName,
            status?.ToWireName() ?? "-",
            Describe(query));

    private static string Describe(FeedbackQuery query) =>
        Join(
            query.Order.ToString(),
            query.CreatedFrom is { } from ? TapkoKeys.FormatTimestamp(from) : "-",
            query.CreatedTo is { } to ? TapkoKeys.FormatTimestamp(to) : "-");

    private static string Join(params string[] parts) => string.Join('\n', parts);
}
