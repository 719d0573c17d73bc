namespace Tapko.Data.Paging;

/// <summary>
/// The canonical description of a query that a continuation token is bound to. Ids cannot contain control
/// characters, so a line feed separates the parts unambiguously.
/// </summary>
internal static class QueryBinding
{
    public static string Projects(UserId owner) => Join("projects", owner.Value);

    /// <summary>
    /// A page of the owner's project on <paramref name="index"/>. Checkable before any request, so a token of another
    /// owner's query is refused whether that owner's project exists or not. A token of an earlier life of the project
    /// id passes, harmlessly: it only says after which feedback id to go on, and every query is filtered to the
    /// current life.
    /// </summary>
    public static string Feedback(ProjectKey project, FeedbackIndex index, FeedbackQuery query) =>
        Join("feedback", project.Owner.Value, project.ProjectId.Value, index.Binding.Index, index.Binding.Status, Describe(query));

    private static string Describe(FeedbackQuery query) =>
        Join(
            query.Order.ToString(),
            query.CreatedFrom is { } from ? Timestamps.Format(from) : "-",
            query.CreatedTo is { } to ? Timestamps.Format(to) : "-");

    private static string Join(params string[] parts) => string.Join('\n', parts);
}
