using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.WebApi.Tests;

/// <summary>
/// The README's web-sample command run as a newcomer runs it: a separate process with only the README's environment,
/// the library's own client (the sample once died at start with "No service for type IAmazonDynamoDB", which the
/// WebApplicationFactory tests could not see because they inject a client). Then one owner's day over real HTTP.
/// </summary>
public sealed class ReadmeCommandTests(WebApiFixture fixture)
{
    /// <summary>
    /// Bounds a hang, not a speed: starting dotnet run and the app on two busy cores takes seconds; only a sample that
    /// never answers, or never stops, runs into these.
    /// </summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan StopDeadline = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_readmes_command_serves_an_owner_and_the_widget_and_stops_cleanly()
    {
        // SIGTERM, the graceful stop this checks, has no Windows counterpart a test can send to another console process.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Stopping the sample gracefully needs a POSIX signal.");
        var table = TapkoTestTable.UniqueName("webapi-readme");

        // The README's form of the endpoint: scheme, host and port, no path.
        var endpoint = fixture.Endpoint.GetLeftPart(UriPartial.Authority);
        await using var sample = SampleProcess.Start(endpoint, table);
        try
        {
            await RunAsync(sample, table);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            throw new SampleRunException($"{ex.Message}\n\nThe sample's output ({WebApiSampleCommand.Command}):\n{sample.Output}", ex);
        }
        finally
        {
            try
            {
                await fixture.Client.DeleteTableAsync(new DeleteTableRequest { TableName = table }, CancellationToken.None);
            }
            catch (ResourceNotFoundException)
            {
                // The sample died before it created its table.
            }
        }
    }

    private async Task RunAsync(SampleProcess sample, string table)
    {
        using var startDeadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        startDeadline.CancelAfter(StartDeadline);
        await UntilAsync(sample, () => Task.FromResult(sample.BaseAddress is not null), "Kestrel to log 'Now listening on'", startDeadline.Token);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await UntilAsync(sample, () => IsHealthyAsync(http), "GET /healthz to answer 200", startDeadline.Token);

        // It created the table this run named, on the DynamoDB Local the endpoint named: the environment was read,
        // appsettings.json too (Sample:EnsureTable), through the library's own client.
        (await fixture.Client.DescribeTableAsync(table, Ct)).Table.TableStatus.Should().Be(TableStatus.ACTIVE);

        // An owner creates a project on the dashboard (the sample's stand-in for sign-in is the X-User-Id header).
        var alice = $"alice-{Guid.NewGuid():N}";
        var created = await SendAsync(http, HttpMethod.Post, "/projects", alice, new { name = "My website" }, HttpStatusCode.Created);
        var projectId = created.GetProperty("key").GetProperty("projectId").GetString();
        created.GetProperty("key").GetProperty("owner").GetString().Should().Be(alice);

        // The widget submits anonymously, knowing only the project id.
        var receipt = await SendAsync(http, HttpMethod.Post, $"/widget/projects/{projectId}/feedback", owner: null,
            new { message = "The export button is hidden on mobile.", payload = new { page = "/pricing" } }, HttpStatusCode.Created);
        var feedbackId = receipt.GetProperty("id").GetString();
        receipt.GetProperty("status").GetString().Should().Be("open");

        var open = await SendAsync(http, HttpMethod.Get, $"/projects/{projectId}/feedback?status=open", alice, body: null, HttpStatusCode.OK);
        Ids(open).Should().Equal(feedbackId);

        var moved = await SendAsync(http, HttpMethod.Put, $"/projects/{projectId}/feedback/{feedbackId}/status", alice,
            new { status = "in-progress", expectedStatus = "open" }, HttpStatusCode.OK);
        moved.GetProperty("status").GetString().Should().Be("in-progress");

        var inProgress = await SendAsync(http, HttpMethod.Get, $"/projects/{projectId}/feedback?status=in-progress", alice, body: null, HttpStatusCode.OK);
        Ids(inProgress).Should().Equal(feedbackId);
        Ids(await SendAsync(http, HttpMethod.Get, $"/projects/{projectId}/feedback?status=open", alice, body: null, HttpStatusCode.OK)).Should().BeEmpty();

        // Another owner sees neither the project nor its feedback: 404, as for anything missing.
        var bob = $"bob-{Guid.NewGuid():N}";
        await SendAsync(http, HttpMethod.Get, $"/projects/{projectId}", bob, body: null, HttpStatusCode.NotFound);
        await SendAsync(http, HttpMethod.Get, $"/projects/{projectId}/feedback/{feedbackId}", bob, body: null, HttpStatusCode.NotFound);

        // Stopped as a service is stopped: the host shuts down, and the exit code says it went well.
        using var stopDeadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stopDeadline.CancelAfter(StopDeadline);
        await sample.StopAsync(stopDeadline.Token);
        sample.ExitCode.Should().Be(0);
        sample.Output.Should().Contain("Application is shutting down...")
            .And.NotContain("fail: ", "nothing went wrong on the way, not even logged")
            .And.NotContain("crit: ");
    }

    /// <summary>Polls until <paramref name="done"/> holds; fails at once if the sample exited, and at the deadline if it never got there.</summary>
    private static async Task UntilAsync(SampleProcess sample, Func<Task<bool>> done, string what, CancellationToken deadline)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await done())
            {
                return;
            }

            if (sample.HasExited)
            {
                await sample.WaitForExitAsync(deadline);
                throw new InvalidOperationException($"The sample exited with code {sample.ExitCode} before {what}.");
            }

            try
            {
                await Task.Delay(PollInterval, deadline);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {waited.Elapsed.TotalSeconds:F0} s for {what}.");
            }
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/healthz", Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !Ct.IsCancellationRequested))
        {
            // Not accepting connections yet, or a request that timed out: the overall deadline decides when to give up.
            return false;
        }
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? owner, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (owner is not null)
        {
            request.Headers.Add(Owner.Header, owner);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(expected, $"{method} {path} answered: {text}");
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    private static List<string?> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();

    /// <summary>A failed step of the run, with everything the sample printed: the first thing anyone debugging it needs.</summary>
    private sealed class SampleRunException(string message, Exception inner) : Exception(message, inner);
}
