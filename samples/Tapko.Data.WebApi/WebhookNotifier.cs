using System.Globalization;
using System.Net.Http.Json;
using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>
/// Tells a webhook about every new piece of feedback: a feedback event handler the hosted projector calls for each
/// change, which POSTs a small JSON body (<see cref="FeedbackNotification"/>) for submissions and ignores the rest.
/// The event id goes in the <c>Idempotency-Key</c> header: delivery is at least once (a retry, a projector restarted
/// before its checkpoint), so the receiver de-duplicates by it. A failed POST throws: the projector retries it, then
/// keeps it as a dead letter (<see cref="FeedbackEventDeadLetters"/>) and moves on.
/// </summary>
/// <param name="httpClients">Makes the named client (<see cref="HttpClientName"/>) per call, so its handlers rotate as the factory intends.</param>
/// <param name="url">Where to POST: <c>Sample:WebhookUrl</c>.</param>
public sealed class WebhookNotifier(IHttpClientFactory httpClients, Uri url) : IFeedbackEventHandler
{
    /// <summary>The configuration key of the webhook's URL; empty or missing leaves the notifier unregistered.</summary>
    public const string UrlKey = "Sample:WebhookUrl";

    /// <summary>The name of the HTTP client the notifier posts with.</summary>
    public const string HttpClientName = "webhook";

    /// <summary>The header the event id is sent in.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>How much of the message the notification carries.</summary>
    public const int PreviewLength = 140;

    /// <inheritdoc />
    public async Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedbackEvent);
        if (feedbackEvent.Kind != FeedbackEventKind.Submitted)
        {
            return;
        }

        var notification = new FeedbackNotification(
            feedbackEvent.Id,
            feedbackEvent.Project.ProjectId.Value,
            feedbackEvent.FeedbackId.ToString(),
            Preview(feedbackEvent.Feedback?.Message),
            feedbackEvent.OccurredAt);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(notification) };
        request.Headers.Add(IdempotencyKeyHeader, feedbackEvent.Id);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The start of <paramref name="message"/>, cut on a whole character with an ellipsis when longer than <see cref="PreviewLength"/>.</summary>
    public static string? Preview(string? message)
    {
        if (message is null || message.Length <= PreviewLength)
        {
            return message;
        }

        var info = new StringInfo(message);
        return info.LengthInTextElements <= PreviewLength ? message : info.SubstringByTextElements(0, PreviewLength) + "…";
    }
}

/// <summary>The body the webhook receives, e.g. <c>{"eventId":"…","projectId":"01J…","feedbackId":"01J…","messagePreview":"…","occurredAt":"…"}</c>.</summary>
/// <param name="EventId">The change's id, also in the <c>Idempotency-Key</c> header: the same on every delivery.</param>
/// <param name="ProjectId">The project the feedback was submitted to.</param>
/// <param name="FeedbackId">The new feedback.</param>
/// <param name="MessagePreview">The start of its message (<see cref="WebhookNotifier.PreviewLength"/> characters at most, then "…").</param>
/// <param name="OccurredAt">When DynamoDB recorded the submission (approximately).</param>
public sealed record FeedbackNotification(string EventId, string ProjectId, string FeedbackId, string? MessagePreview, DateTimeOffset OccurredAt);
