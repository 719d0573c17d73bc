namespace Tapko.Data;

/// <summary>How to page through a project's feedback.</summary>
public sealed record FeedbackQuery
{
    /// <summary>Newest first (the default) or oldest first.</summary>
    public SortOrder Order { get; init; } = SortOrder.NewestFirst;

    /// <summary>Items per request, 1 to <see cref="PageLimits.MaxPageSize"/>; default <see cref="PageLimits.DefaultPageSize"/>.</summary>
    public int PageSize { get; init; } = PageLimits.DefaultPageSize;

    /// <summary>Only feedback created at or after this time (millisecond precision), or <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only feedback created at or before this time (millisecond precision), or <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>The <see cref="Page{T}.ContinuationToken"/> of the previous page of the same query, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }

    internal void Validate(string paramName)
    {
        PageLimits.Require(PageSize, paramName);
        if (!Enum.IsDefined(Order))
        {
            throw new ArgumentOutOfRangeException(paramName, Order, "The sort order must be NewestFirst or OldestFirst.");
        }

        if (CreatedFrom > CreatedTo)
        {
            throw new ArgumentException("CreatedFrom must not be later than CreatedTo.", paramName);
        }

        if (CreatedFrom < DateTimeOffset.UnixEpoch || CreatedTo < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentException("A created-at bound must not be before 1970-01-01 (feedback ids cannot be older).", paramName);
        }
    }
}
