using System.Text.Json;

namespace Tapko.Data;

/// <summary>What a widget submits.</summary>
/// <remarks>
/// Set <see cref="Id"/> and keep it when retrying a submission whose outcome you did not see (a timeout, a lost response):
/// a submission repeated with the same id is stored once and the stored feedback is returned.
/// </remarks>
public sealed record NewFeedback
{
    /// <summary>The longest message accepted, in UTF-16 characters.</summary>
    public const int MaxMessageLength = 10_000;

    /// <summary>Creates a submission with a freshly minted id.</summary>
    /// <param name="message">The text; 1 to <see cref="MaxMessageLength"/> characters.</param>
    /// <param name="payload">An optional JSON object stored with the feedback as a DynamoDB map.</param>
    public NewFeedback(string message, JsonElement? payload = null)
    {
        Message = message;
        Payload = payload;
    }

    /// <summary>The text; 1 to <see cref="MaxMessageLength"/> characters, not only white space.</summary>
    public string Message { get; init; }

    /// <summary>An optional JSON object (not an array or scalar), nested at most 30 levels deep, with no empty property names.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>
    /// The id to store the feedback under. When <see langword="null"/> the store mints one from its clock;
    /// set it (from <see cref="FeedbackId.New"/>) before the first attempt to make retries idempotent.
    /// </summary>
    public FeedbackId? Id { get; init; }
}
