using System.Runtime.CompilerServices;

namespace Tapko.Data.Paging;

/// <summary>
/// The one path of every listing: resume from a continuation token (checked before any request), run the page's
/// Query, map its items, and hand out a token for the next page, bound to the same query.
/// </summary>
internal sealed class QueryPager(RequestSender requests, ContinuationTokenCodec cursors)
{
    /// <summary>Parses an id from its text; <see langword="false"/> when the text is not one.</summary>
    public delegate bool IdParser<T>(string? text, out T id);

    /// <summary>
    /// The id to resume after, from <paramref name="token"/> (<see langword="null"/> for the first page). A token of
    /// another query, owner or key, or a modified one, throws <see cref="InvalidContinuationTokenException"/>.
    /// </summary>
    public T? ResumeAfter<T>(string? token, string binding, IdParser<T> parse)
        where T : struct =>
        token is null ? null
        : parse(cursors.Decode(token, binding), out var id) ? id
        : throw new InvalidContinuationTokenException("its position is not an id of this listing");

    /// <summary>
    /// Runs one page. <paramref name="inspect"/> sees the response first; the next page's token resumes
    /// after the last item read, whose id follows <paramref name="idPrefix"/> in its table sort key. A page the filter
    /// left short, even empty (expired feedback not yet removed), still carries a token whenever DynamoDB stopped before
    /// the end: the position is encrypted, so it tells the caller nothing.
    /// </summary>
    public async Task<Page<T>> ReadAsync<T>(
        OperationScope scope,
        QueryRequest request,
        string binding,
        string idPrefix,
        Func<Dictionary<string, AttributeValue>, T> map,
        Func<QueryResponse, bool>? inspect,
        CancellationToken cancellationToken)
    {
        var response = await requests.QueryAsync(scope, request, cancellationToken).ConfigureAwait(false);
        _ = inspect?.Invoke(response);
        var items = (response.Items ?? []).Select(map).ToList();
        string? next = null;
        if (response.LastEvaluatedKey is { Count: > 0 } last
            && TapkoKeys.IdFromSortKey(last.GetValueOrDefault(PrimaryIndex.SortKey)?.S, idPrefix) is { } position)
        {
            next = cursors.Encode(binding, position);
        }

        return new Page<T>(items, next);
    }

    /// <summary>
    /// Every page of a query that must be read to its end (a count, a delete), not handed out as pages:
    /// <paramref name="request"/> builds the Query that starts after a key (<see langword="null"/> first).
    /// </summary>
    public async IAsyncEnumerable<QueryResponse> AllPagesAsync(OperationScope scope, Func<Dictionary<string, AttributeValue>?, QueryRequest> request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await requests.QueryAsync(scope, request(startKey), cancellationToken).ConfigureAwait(false);
            yield return page;
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
    }

    /// <summary>
    /// Runs one page of a project's listing over its <paramref name="shards"/> (see <see cref="ShardMerge{T}"/>; one
    /// shard is one Query): <paramref name="request"/> builds shard n's Query for a limit, resuming after the token's
    /// position (or <see langword="null"/> when nothing of it can follow), in <paramref name="index"/>'s merge order.
    /// The token names the last item returned, or, on a page the filter left short (even empty) before DynamoDB reached
    /// the end, the last item evaluated: the position is encrypted, so it tells the caller nothing.
    /// </summary>
    public async Task<Page<T>> ReadMergedAsync<T>(
        OperationScope scope,
        ShardLayout shards,
        FeedbackQuery query,
        FeedbackIndex index,
        Func<int, int, QueryRequest?> request,
        string binding,
        Func<Dictionary<string, AttributeValue>, T> map,
        Func<T, FeedbackId> idOf,
        Func<QueryResponse, bool>? inspect,
        CancellationToken cancellationToken)
    {
        var merge = new ShardMerge<T>(requests, scope, map, idOf, (a, b) => index.MergeOrder(a, b, shards), newestFirst: query.Order == SortOrder.NewestFirst);
        var (items, more, stoppedAt) = await merge.ReadAsync(shards.Count, query.PageSize, request, inspect, cancellationToken).ConfigureAwait(false);
        var position = stoppedAt ?? (items.Count > 0 ? idOf(items[^1]) : null);
        var next = more && position is { } p ? cursors.Encode(binding, p.ToString()) : null;
        return new Page<T>(items, next);
    }
}
