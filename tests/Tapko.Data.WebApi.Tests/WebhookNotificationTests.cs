using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Tapko.Data.WebApi.Tests;

/// <summary>
/// The sample's new-feedback notification: with <c>Sample:WebhookUrl</c> set, the hosted projector hands each
/// submission to <see cref="WebhookNotifier"/>, which POSTs it to a receiver on a loopback port with the event id as
/// <c>Idempotency-Key</c>; a failed POST is retried with the same key, then kept as a dead letter to replay.
/// </summary>
public sealed class WebhookNotificationTests(WebApiFixture fixture) : ApiTestBase(fixture, "webapi-webhook")
{
    /// <summary>
    /// Bounds a hang, not a speed: the projector polls the stream every second; only a notification that never comes
    /// runs into this.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_widget_submission_is_posted_to_the_webhook_with_its_event_id_as_idempotency_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = WithWebhook(receiver);
        using var dashboard = DashboardOf(api);
        using var widget = api.CreateClient();
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();
        var message = "The export button is hidden on mobile. " + string.Concat(Enumerable.Repeat("It should sit next to Share. ", 10));
        var started = DateTimeOffset.UtcNow;

        var receipt = await JsonAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message }, Ct));
        var feedbackId = receipt.GetProperty("id").GetString();

        var post = (await receiver.UntilAsync(1, Deadline)).Single();
        var body = post.Json;
        body.EnumerateObject().Select(p => p.Name).Should().Equal("eventId", "projectId", "feedbackId", "messagePreview", "occurredAt");
        var eventId = body.GetProperty("eventId").GetString();
        eventId.Should().NotBeNullOrEmpty();
        post.Headers[WebhookNotifier.IdempotencyKeyHeader].Should().Be(eventId, "the receiver de-duplicates by the event id");
        post.ContentType.Should().StartWith("application/json");
        body.GetProperty("projectId").GetString().Should().Be(projectId);
        body.GetProperty("feedbackId").GetString().Should().Be(feedbackId);
        body.GetProperty("messagePreview").GetString().Should().Be(message[..WebhookNotifier.PreviewLength] + "…");
        body.GetProperty("occurredAt").GetDateTimeOffset().Should().BeOnOrAfter(started.AddMinutes(-2)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddMinutes(2));

        // Only new feedback is announced: the move's event, handed over before the next submission's, posts nothing.
        (await dashboard.PutAsJsonAsync($"/projects/{projectId}/feedback/{feedbackId}/status", new { status = "resolved" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await JsonAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = "Short one" }, Ct));
        var posts = await receiver.UntilAsync(2, Deadline);
        posts.Should().HaveCount(2);
        posts[1].Json.GetProperty("feedbackId").GetString().Should().Be(second.GetProperty("id").GetString());
        posts[1].Json.GetProperty("messagePreview").GetString().Should().Be("Short one");
        posts[1].Headers[WebhookNotifier.IdempotencyKeyHeader].Should().NotBe(eventId);
    }

    [Fact]
    public async Task A_failed_post_is_retried_with_the_same_idempotency_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync((int)HttpStatusCode.ServiceUnavailable);
        await using var api = WithWebhook(receiver);
        using var dashboard = DashboardOf(api);
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();

        await api.CreateClient().PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = "Retried" }, Ct);

        var posts = await receiver.UntilAsync(2, Deadline);
        posts[1].Headers[WebhookNotifier.IdempotencyKeyHeader].Should().Be(posts[0].Headers[WebhookNotifier.IdempotencyKeyHeader]);
        posts[1].Body.Should().Be(posts[0].Body);
        (await api.Services.GetRequiredService<FeedbackEventDeadLetters>().ListAsync(cancellationToken: Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_webhook_that_stays_down_leaves_a_dead_letter_that_is_posted_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysAnswer = (int)HttpStatusCode.InternalServerError;
        await using var api = WithWebhook(receiver);
        using var dashboard = DashboardOf(api);
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();
        var deadLetters = api.Services.GetRequiredService<FeedbackEventDeadLetters>();

        await api.CreateClient().PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = "Nobody listens" }, Ct);

        var attempts = new TapkoProjectorOptions().EventHandlerAttempts;
        await receiver.UntilAsync(attempts, Deadline);
        var letter = await UntilDeadLetterAsync(deadLetters);
        letter.Handler.Should().Be(typeof(WebhookNotifier).FullName);
        letter.Error.Should().Contain("500");
        letter.Attempts.Should().Be(attempts);
        letter.Event.Kind.Should().Be(FeedbackEventKind.Submitted);
        receiver.Posts.Should().HaveCount(attempts).And.OnlyContain(p => p.Headers[WebhookNotifier.IdempotencyKeyHeader] == letter.Event.Id);

        receiver.AlwaysAnswer = null;
        (await deadLetters.ReplayAsync(cancellationToken: Ct)).Should().Be(1);
        receiver.Posts.Should().HaveCount(attempts + 1);
        receiver.Posts[^1].Body.Should().Be(receiver.Posts[0].Body, "the replay posts the event as it was");
        (await deadLetters.ListAsync(cancellationToken: Ct)).Should().BeEmpty();
    }

    [Fact]
    public void Without_a_webhook_url_no_notifier_is_registered()
    {
        Api.Services.GetServices<IFeedbackEventHandler>().Should().BeEmpty("appsettings.json leaves Sample:WebhookUrl empty");
    }

    private WebApplicationFactory<Program> WithWebhook(WebhookReceiver receiver) =>
        Api.WithWebHostBuilder(builder => builder.UseSetting(WebhookNotifier.UrlKey, receiver.Url.ToString()));

    private static HttpClient DashboardOf(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(Owner.Header, $"owner-{Guid.NewGuid():N}");
        return client;
    }

    /// <summary>The dead letter the projector keeps once the last attempt failed; polled, as it is written after that POST.</summary>
    private static async Task<FeedbackEventDeadLetter> UntilDeadLetterAsync(FeedbackEventDeadLetters deadLetters)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if ((await deadLetters.ListAsync(cancellationToken: Ct)) is [var letter])
            {
                return letter;
            }

            waited.Elapsed.Should().BeLessThan(Deadline, "the failed event should be kept as a dead letter");
            await Task.Delay(100, Ct);
        }
    }
}
