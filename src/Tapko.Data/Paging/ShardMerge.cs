namespace Tapko.Data.Paging;

/// <summary>
/// One page of a project's listing: every shard's Query merged in id order behind one continuation token. An
/// unsharded project is the merge over one shard, which is one Query per page.
/// </summary>
/// <remarks>
/// <para>
/// The merge order is total and known from an id alone (<see cref="Schema.FeedbackIndex.MergeOrder"/>: the table's by
/// id, the status index's by created-at, the id's own time, then shard), so one id is a position in every shard at
/// once: the token carries the id of the last item returned, and each shard resumes after it
/// (<see cref="Schema.FeedbackIndex.ResumeShard"/>).
/// </para>
/// <para>
/// Adaptive: each shard is first asked for its share of the page; an item is returned only once no shard can still
/// hold an earlier one, and only a shard whose buffer ran dry before that point is asked again, for its share of what
/// is missing. Every Query is rounded up to 4 KB on its own, so a merged page costs about K quarter read units more
/// than one Query of the same items (docs/scale.md measures it); never K full pages.
/// </para>
/// <para>
/// A shard whose Query came back short of its limit yet not at its end (the filter dropped expired items, or DynamoDB
/// stopped at 1 MB) is not asked again: the page ends there, short or even empty, and its token names that shard's
/// last evaluated item, so one page never reads through an unbounded run of filtered items.
/// </para>
/// </remarks>
internal sealed class ShardMerge<T>(RequestSender requests, OperationScope scope, Func<Dictionary<string, AttributeValue>, T> map, Func<T,
    FeedbackId> idOf, Comparison<FeedbackId> order, bool newestFirst)
{
    /// <summary>Whether a response made <c>inspect</c> abandon the page.</summary>
    private bool abandoned;

    /// <summary>
    /// Reads one merged page of <paramref name="pageSize"/> items from <paramref name="shards"/> shards.
    /// <paramref name="request"/> builds a shard's first Query (resuming from the token's position) for a limit, or
    /// <see langword="null"/> when nothing of the shard can follow; <paramref name="inspect"/> sees every response first,
    /// and abandons the page, asking no shard again, by answering <see langword="false"/>.
    /// </summary>
    /// <returns>The items; whether more may follow; and, when the page ended at a short shard, the position to resume after.</returns>
    public async Task<(List<T> Items, bool More, FeedbackId? StoppedAt)> ReadAsync(
        int shards, int pageSize, Func<int, int, QueryRequest?> request, Func<QueryResponse, bool>? inspect, CancellationToken cancellationToken)
    {
        var state = Enumerable.Range(0, shards).Select(_ => new Shard()).ToArray();
        await FetchAsync(state, Enumerable.Range(0, shards), Share(pageSize, shards), request, inspect, cancellationToken).ConfigureAwait(false);

        var items = new List<T>(pageSize);
        while (items.Count < pageSize)
        {
            if (abandoned)
            {
                return (items, false, null);
            }

            var next = Earliest(state);
            var candidate = next is { } n ? idOf(state[n].Buffer.Peek()) : (FeedbackId?)null;

            // A shard that ran dry short of the candidate may still hold an earlier item: ask it, and only it.
            var dry = Enumerable.Range(0, shards).Where(s => state[s].MayHoldBefore(candidate, Compare)).ToList();
            if (StopAt(state, dry) is { } stop)
            {
                return (items, true, stop);
            }

            if (dry.Count > 0)
            {
                // Two small items cost one 4 KB read as one does, so a refill asks for at least two.
                await FetchAsync(state, dry, Math.Max(2, Share(pageSize - items.Count, shards)), request, inspect, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (next is not { } shard)
            {
                break;
            }

            items.Add(state[shard].Buffer.Dequeue());
        }

        return (items, state.Any(s => s.Buffer.Count > 0 || !s.Exhausted), null);
    }

    /// <summary>
    /// Where the page ends instead of asking <paramref name="dry"/> again: when one of them came back short, the
    /// earliest of their frontiers. Every shard has evaluated through its own frontier and every item before the
    /// earliest was returned or filtered out, so resuming after it skips nothing.
    /// </summary>
    private FeedbackId? StopAt(Shard[] state, List<int> dry)
    {
        var frontiers = dry.Select(s => state[s].Frontier).ToList();
        return dry.Any(s => state[s].Short) && frontiers.All(f => f is not null)
            ? frontiers.Select(f => f!.Value).Min(Comparer<FeedbackId>.Create(Compare))
            : null;
    }

    /// <summary>About one shard's part of <paramref name="wanted"/> items, at least one.</summary>
    private static int Share(int wanted, int shards) => Math.Max(1, (wanted + shards - 1) / shards);

    private int Compare(FeedbackId a, FeedbackId b) => newestFirst ? order(b, a) : order(a, b);

    private int? Earliest(Shard[] state)
    {
        int? best = null;
        for (var s = 0; s < state.Length; s++)
        {
            if (state[s].Buffer.Count > 0
                && (best is not { } b || Compare(idOf(state[s].Buffer.Peek()), idOf(state[b].Buffer.Peek())) < 0))
            {
                best = s;
            }
        }

        return best;
    }

    private async Task FetchAsync(Shard[] state, IEnumerable<int> which, int limit, Func<int, int, QueryRequest?> request,
        Func<QueryResponse, bool>? inspect, CancellationToken cancellationToken)
    {
        await Task.WhenAll(which.Select(async s =>
        {
            if (request(s, limit) is not { } query)
            {
                state[s].Exhausted = true;
                return;
            }

            if (state[s].Next is { } resume)
            {
                query.ExclusiveStartKey = resume;
            }

            var response = await requests.QueryAsync(scope, query, cancellationToken).ConfigureAwait(false);
            abandoned |= inspect?.Invoke(response) == false;
            foreach (var item in response.Items ?? [])
            {
                state[s].Buffer.Enqueue(map(item));
            }

            state[s].Next = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            state[s].Frontier = state[s].Next is { } key
                && FeedbackId.TryParse(TapkoKeys.IdFromSortKey(key.GetValueOrDefault(PrimaryIndex.SortKey)?.S, TapkoKeys.FeedbackSortKeyPrefix),
                out var id) ? id : null;
            state[s].Exhausted = state[s].Next is null;
            state[s].Short = !state[s].Exhausted && (response.Count ?? 0) < limit;
        })).ConfigureAwait(false);
    }

    /// <summary>What the merge knows of one shard: items read but not yet returned, and where its Query stopped.</summary>
    private sealed class Shard
    {
        public Queue<T> Buffer { get; } = new();

        /// <summary>The shard's <c>LastEvaluatedKey</c>, from which its next Query resumes.</summary>
        public Dictionary<string, AttributeValue>? Next { get; set; }

        /// <summary>The id of the last item the shard evaluated: it holds nothing unread up to there.</summary>
        public FeedbackId? Frontier { get; set; }

        public bool Exhausted { get; set; }

        /// <summary>Whether the shard's last Query returned fewer items than asked for, yet did not reach its end.</summary>
        public bool Short { get; set; }

        /// <summary>Whether this shard, with nothing buffered, may still hold an item before <paramref name="candidate"/> (or any item, when there
        /// is none).</summary>
        public bool MayHoldBefore(FeedbackId? candidate, Func<FeedbackId, FeedbackId, int> compare) =>
            !Exhausted && Buffer.Count == 0
            && (candidate is not { } c || Frontier is not { } f || compare(f, c) < 0);
    }
}
