namespace Tapko.Data;

/// <summary>
/// Receives the changes of feedback (submitted, status changed, deleted, expired) from the change feed's projector,
/// in the hosted service (<c>services.AddTapkoProjector()</c>) and in the Lambda function
/// (<see cref="TapkoProjectorFunction"/>) alike. Register any number with
/// <c>services.AddSingleton&lt;IFeedbackEventHandler, MyHandler&gt;()</c>.
/// </summary>
/// <remarks>
/// Delivery is at least once and in order per feedback item: de-duplicate by <see cref="FeedbackEvent.Id"/>. A handler
/// that throws is retried (<see cref="TapkoProjectorOptions.EventHandlerAttempts"/>); after the last attempt the event
/// is kept as a dead letter in the table (<see cref="FeedbackEventDeadLetters"/>), to inspect and replay, and the feed
/// moves on: a failing handler never holds up the counts or the events of other handlers.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711",
    Justification = "A handler of feedback events, not a .NET event delegate: the name hosts look for.")]
public interface IFeedbackEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="feedbackEvent">The change.</param>
    /// <param name="cancellationToken">Cancelled when the projector stops.</param>
    /// <returns>A task that completes once the event is handled.</returns>
    Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken);
}
