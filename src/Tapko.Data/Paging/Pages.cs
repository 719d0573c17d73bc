using System.Runtime.CompilerServices;

namespace Tapko.Data.Paging;

/// <summary>Every page of a listing as one stream: fetched lazily, one page ahead of nothing, cancellable.</summary>
internal static class Pages
{
    /// <summary>Follows continuation tokens from <paramref name="query"/>'s (usually none) to the end.</summary>
    public static async IAsyncEnumerable<T> AllAsync<T>(FeedbackQuery? query, Func<FeedbackQuery, CancellationToken, Task<Page<T>>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new FeedbackQuery();
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await page(next, cancellationToken).ConfigureAwait(false);
            foreach (var item in current.Items)
            {
                yield return item;
            }

            next = next with { ContinuationToken = current.ContinuationToken };
        }
        while (next.ContinuationToken is not null);
    }
}
