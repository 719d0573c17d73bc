namespace Tapko.Data;

/// <summary>An event a handler kept failing on, kept in the table by the projector (<see cref="FeedbackEventDeadLetters"/>).</summary>
/// <param name="Id">The dead letter's own id, to replay or discard it by.</param>
/// <param name="Event">The event as it was delivered.</param>
/// <param name="Handler">The full type name of the handler that failed.</param>
/// <param name="Error">The handler's last exception: its type and message.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
/// <param name="Attempts">How many calls of the handler failed on it: the feed's attempts, plus those of every failed replay.</param>
public sealed record FeedbackEventDeadLetter(string Id, FeedbackEvent Event, string Handler, string Error, DateTimeOffset FailedAt, int Attempts);
