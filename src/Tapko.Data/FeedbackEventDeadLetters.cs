namespace Tapko.Data;

/// <summary>
/// The events a handler kept failing on (<see cref="IFeedbackEventHandler"/>): kept in the table, one small item each,
/// until replayed or discarded. Registered by <c>AddTapkoProjector</c> and <c>AddTapkoProjectorFunction</c>; resolve it
/// to inspect them (an admin endpoint, a scheduled job) and replay them once the handler is fixed.
/// </summary>
public sealed class FeedbackEventDeadLetters
{
    private readonly TapkoContext context;
    private readonly DeadLetterStore store;
    private readonly EventDispatcher dispatcher;
    private readonly IReadOnlyList<IFeedbackEventHandler> handlers;

    internal FeedbackEventDeadLetters(TapkoContext context, DeadLetterStore store, EventDispatcher dispatcher, IReadOnlyList<IFeedbackEventHandler> handlers)
    {
        this.context = context;
        this.store = store;
        this.dispatcher = dispatcher;
        this.handlers = handlers;
    }

    /// <summary>The dead letters, oldest first.</summary>
    /// <param name="max">How many at most, 1 to 1,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters.</returns>
    public Task<IReadOnlyList<FeedbackEventDeadLetter>> ListAsync(int max = 100, CancellationToken cancellationToken = default) =>
        context.RunAsync<IReadOnlyList<FeedbackEventDeadLetter>>(OperationNames.DeadLettersList, async scope =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, PageLimits.MaxPageSize);
            var items = await store.ReadAsync(scope, max, cancellationToken).ConfigureAwait(false);
            return [.. items.Select(DeadLetterItem.FromItem)];
        });

    /// <summary>
    /// Hands every dead letter to its handler again, oldest first, once each: a letter whose handler now succeeds is
    /// removed; one that fails again (after the same retries as the feed gives it) stays, its attempt count raised by the
    /// calls that failed; one whose handler is no longer registered stays untouched.
    /// </summary>
    /// <param name="max">How many letters at most, 1 to 1,000.</param>
    /// <param name="cancellationToken">Cancels the replay between letters.</param>
    /// <returns>How many letters were delivered and removed.</returns>
    public Task<int> ReplayAsync(int max = 100, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.DeadLettersReplay, async scope =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, PageLimits.MaxPageSize);
            var delivered = 0;
            foreach (var item in await store.ReadAsync(scope, max, cancellationToken).ConfigureAwait(false))
            {
                var letter = DeadLetterItem.FromItem(item);
                if (handlers.FirstOrDefault(h => DeadLetterStore.HandlerName(h) == letter.Handler) is not { } handler)
                {
                    continue;
                }

                if (await dispatcher.TryDeliverAsync(handler, letter.Event, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    DeadLetterItem.SetError(item, error);
                    // Every call that failed counts, as when the letter was kept: the replay's own retries included.
                    DeadLetterItem.SetAttempts(item, DeadLetterItem.Attempts(item) + dispatcher.Attempts, context.Time.GetUtcNow());
                    await store.UpdateAsync(scope, item, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await store.RemoveAsync(scope, item, cancellationToken).ConfigureAwait(false);
                delivered++;
            }

            return delivered;
        });

    /// <summary>Removes one dead letter without delivering it.</summary>
    /// <param name="id">Its <see cref="FeedbackEventDeadLetter.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once it is gone (also when there was none).</returns>
    public Task DiscardAsync(string id, CancellationToken cancellationToken = default) =>
        context.RunAsync(OperationNames.DeadLettersDiscard, async scope =>
        {
            ArgumentException.ThrowIfNullOrEmpty(id);
            if (!id.StartsWith(DeadLetterItem.NamePrefix, StringComparison.Ordinal) || id.Length > 300)
            {
                throw new ArgumentException("Not the id of a dead letter (FeedbackEventDeadLetter.Id).", nameof(id));
            }

            var key = TapkoKeys.Feed(id);
            await store.RemoveAsync(scope, new() { [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
                [PrimaryIndex.SortKey] = new() { S = key.SortKey } }, cancellationToken).ConfigureAwait(false);
            return true;
        });
}
