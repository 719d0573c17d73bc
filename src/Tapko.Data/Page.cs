namespace Tapko.Data;

/// <summary>One page of a query, and the token that continues it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Creates a page; public so that fakes of the store interfaces can return one in consumers' tests.</summary>
    /// <param name="items">The items of the page.</param>
    /// <param name="continuationToken">The token for the next page, or <see langword="null"/> at the end.</param>
    public Page(IReadOnlyList<T> items, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items of this page, in the query's order. May be fewer than the page size, even empty, while more pages follow.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>
    /// An opaque, URL-safe token for the next page, or <see langword="null"/> when the query is complete. It is bound
    /// to the query that produced it; any other query refuses it with <see cref="InvalidContinuationTokenException"/>.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <summary>Whether another page may follow.</summary>
    public bool HasMore => ContinuationToken is not null;
}
