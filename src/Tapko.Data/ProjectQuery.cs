namespace Tapko.Data;

/// <summary>How to page through an owner's projects (ordered by project id).</summary>
public sealed record ProjectQuery
{
    /// <summary>Items per request, 1 to <see cref="PageLimits.MaxPageSize"/>; default <see cref="PageLimits.DefaultPageSize"/>.</summary>
    public int PageSize { get; init; } = PageLimits.DefaultPageSize;

    /// <summary>The <see cref="Page{T}.ContinuationToken"/> of the previous page of the same query, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
