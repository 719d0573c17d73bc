using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tapko.Data.WebApi.Tests;

/// <summary>
/// A webhook on a loopback port of its own (Kestrel on 127.0.0.1:0): keeps every POST it receives, and answers each
/// with the next status code it was given, 200 once they run out (or always <see cref="AlwaysAnswer"/> when set).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/feedback";

    private readonly WebApplication app;
    private readonly LockedCollection<ReceivedPost> posts = new();
    private readonly ConcurrentQueue<int> answers;

    private WebhookReceiver(WebApplication app, IEnumerable<int> answers)
    {
        this.app = app;
        this.answers = new ConcurrentQueue<int>(answers);
        app.MapPost(Path, async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            posts.Add(new ReceivedPost(
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                request.ContentType,
                body));
            return Results.StatusCode(AlwaysAnswer ?? (this.answers.TryDequeue(out var status) ? status : StatusCodes.Status200OK));
        });
    }

    /// <summary>Where the sample is told to POST.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Answers every POST with this status while set.</summary>
    public int? AlwaysAnswer { get; set; }

    public IReadOnlyList<ReceivedPost> Posts => posts.Snapshot();

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), answers);
        await receiver.app.StartAsync(TestContext.Current.CancellationToken);

        // Kestrel replaces port 0 with the one it bound.
        receiver.Url = new Uri(new Uri(receiver.app.Urls.Single()), Path);
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> POSTs came; the deadline only bounds a hang.</summary>
    public async Task<IReadOnlyList<ReceivedPost>> UntilAsync(int count, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        while (Posts.Count < count)
        {
            waited.Elapsed.Should().BeLessThan(deadline, $"the webhook should receive {count} POST(s); it got {Posts.Count}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return Posts;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}

/// <summary>One POST the webhook received.</summary>
internal sealed record ReceivedPost(IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }
}
