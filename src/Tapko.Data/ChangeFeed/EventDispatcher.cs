namespace Tapko.Data.ChangeFeed;

/// <summary>
/// Hands each change of feedback to every registered <see cref="IFeedbackEventHandler"/>, in the order the stream
/// gives them. A handler that throws is retried with backoff; after the last attempt the event becomes a dead letter
/// for that handler and delivery goes on, so one failing handler stalls neither the counts nor the other handlers.
/// </summary>
internal sealed class EventDispatcher(TapkoContext context, IReadOnlyList<IFeedbackEventHandler> handlers, int attempts, DeadLetterStore deadLetters)
{
    public bool HasHandlers => handlers.Count > 0;

    /// <summary>How often one delivery hands an event to a handler that throws (<see cref="TapkoProjectorOptions.EventHandlerAttempts"/>).</summary>
    public int Attempts => attempts;

    /// <summary>Delivers the event of <paramref name="change"/>; throws only when a dead letter could not be stored.</summary>
    public async Task DeliverAsync(OperationScope scope, FeedbackChange change, CancellationToken cancellationToken)
    {
        if (handlers.Count == 0 || FeedbackEvents.Of(change) is not { } e)
        {
            return;
        }

        foreach (var handler in handlers)
        {
            if (await TryDeliverAsync(handler, e, cancellationToken).ConfigureAwait(false) is { } error)
            {
                await deadLetters.AddAsync(scope, e, FeedbackEvents.ImageOf(change), handler, error, attempts, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delivers <paramref name="e"/> to <paramref name="handler"/>; the last exception when every attempt failed.</summary>
    public async Task<Exception?> TryDeliverAsync(IFeedbackEventHandler handler, FeedbackEvent e, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler.HandleAsync(e, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                Log.HandlerFailed(context.Logger, handler.GetType().Name, e.Kind.ToString(), e.Id, attempt, error);
                if (attempt >= attempts)
                {
                    return error;
                }

                var delay = TimeSpan.FromMilliseconds(Math.Min(2_000, 50 * Math.Pow(2, attempt)));
                await Task.Delay(delay, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
