using System.Runtime.CompilerServices;

namespace Tapko.Data.Paging;

/// <summary>Every page of a listing as one stream: fetched lazily, one page ahead of nothing, cancellable.</summary>
internal static class Pages
{
    /// <summary>Follows continuation tokens from <paramref name="first"/> (usually none) to the end; <paramref name="page"/> reads a token's page.</summary>
    public static async IAsyncEnumerable<T> AllAsync<T>(string? first, Func<string?, CancellationToken, Task<Page<T>>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = first;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await page(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in current.Items)
            {
                yield return item;
            }

            token = current.ContinuationToken;
        }
        while (token is not null);
    }
}
