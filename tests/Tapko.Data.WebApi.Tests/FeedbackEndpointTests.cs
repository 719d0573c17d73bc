using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tapko.Data.WebApi.Tests;

/// <summary>Feedback pages, the status filter and status moves over HTTP, and the spans one request leaves.</summary>
public sealed class FeedbackEndpointTests(WebApiFixture fixture) : ApiTestBase(fixture, "webapi-feedback")
{
    [Fact]
    public async Task Feedback_pages_carry_string_ids_and_wire_statuses()
    {
        using var dashboard = Dashboard(out var owner);
        var (projectId, submitted) = await ProjectWithFeedbackAsync(dashboard, owner, "Checkout is broken", "Export is hidden");

        var page = await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?pageSize=1", Ct));
        var first = page.GetProperty("items").EnumerateArray().Single();
        first.GetProperty("id").GetString().Should().Be(submitted[1].Id.ToString(), "newest first");
        first.GetProperty("status").GetString().Should().Be("open");
        first.GetProperty("project").GetProperty("owner").GetString().Should().Be(owner);
        first.GetProperty("message").GetString().Should().Be("Export is hidden");
        first.GetProperty("payload").GetProperty("page").GetString().Should().Be("/pricing");
        var token = page.GetProperty("continuationToken").GetString();

        var next = await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?pageSize=1&continuationToken={token}", Ct));
        next.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString().Should().Be(submitted[0].Id.ToString());

        var oldest = await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?order=OldestFirst", Ct));
        oldest.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString())
            .Should().Equal(submitted[0].Id.ToString(), submitted[1].Id.ToString());

        var one = await dashboard.GetAsync($"/projects/{projectId}/feedback/{submitted[0].Id}", Ct);
        var read = (await JsonAsync(one)).As<Feedback>();
        read.Id.Should().Be(submitted[0].Id);
        read.Project.Should().Be(submitted[0].Project);
        read.Status.Should().Be(FeedbackStatus.Open);
    }

    [Fact]
    public async Task Status_moves_filter_and_conflict_by_wire_name()
    {
        using var dashboard = Dashboard(out var owner);
        var (projectId, submitted) = await ProjectWithFeedbackAsync(dashboard, owner, "One", "Two");
        var url = $"/projects/{projectId}/feedback/{submitted[0].Id}/status";

        var moved = await dashboard.PutAsJsonAsync(url, new { status = "in-progress", expectedStatus = "open" }, Ct);
        moved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(moved)).GetProperty("status").GetString().Should().Be("in-progress");

        var stale = await ProblemAsync(await dashboard.PutAsJsonAsync(url, new { status = "resolved", expectedStatus = "open" }, Ct), 409);
        stale.GetProperty("actual").GetString().Should().Be("in-progress");

        var inProgress = await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?status=in-progress", Ct));
        inProgress.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Should().Equal(submitted[0].Id.ToString());
        var open = await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?status=open", Ct));
        open.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Should().Equal(submitted[1].Id.ToString());

        await ProblemAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback?status=InProgress", Ct), 400);
        await ProblemAsync(await dashboard.PutAsJsonAsync(url, new { status = "InProgress" }, Ct), 400);
        await ProblemAsync(await dashboard.PutAsJsonAsync(url, new { status = 2 }, Ct), 400);
        await ProblemAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback/not-a-ulid", Ct), 400);
        await ProblemAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback/{FeedbackId.New()}", Ct), 404);

        (await dashboard.DeleteAsync($"/projects/{projectId}/feedback/{submitted[1].Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ProblemAsync(await dashboard.DeleteAsync($"/projects/{projectId}/feedback/{submitted[1].Id}", Ct), 404);
    }

    [Fact]
    public async Task Another_owners_feedback_is_not_found_and_never_listed()
    {
        using var alice = Dashboard(out var aliceId, "alice");
        using var bob = Dashboard(out _, "bob");
        var (projectId, submitted) = await ProjectWithFeedbackAsync(alice, aliceId, "Private to alice");
        var item = $"/projects/{projectId}/feedback/{submitted[0].Id}";

        await ProblemAsync(await bob.GetAsync(item, Ct), 404);
        await ProblemAsync(await bob.PutAsJsonAsync($"{item}/status", new { status = "resolved" }, Ct), 404);
        await ProblemAsync(await bob.DeleteAsync(item, Ct), 404);
        (await JsonAsync(await bob.GetAsync($"/projects/{projectId}/feedback", Ct))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await JsonAsync(await bob.GetAsync($"/projects/{projectId}/feedback?status=open", Ct))).GetProperty("items").GetArrayLength().Should().Be(0);

        var still = (await JsonAsync(await alice.GetAsync(item, Ct))).As<Feedback>();
        still.Status.Should().Be(FeedbackStatus.Open);
    }

    [Fact]
    public async Task The_store_spans_of_a_request_are_its_children_and_carry_capacity()
    {
        using var dashboard = Dashboard(out var owner);
        var (projectId, submitted) = await ProjectWithFeedbackAsync(dashboard, owner, "Trace me");
        var path = $"/projects/{projectId}/feedback/{submitted[0].Id}/status";

        (await dashboard.PutAsJsonAsync(path, new { status = "resolved" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var request = await RequestSpanAsync("PUT", path);
        var children = Api.Spans.Where(s => s.Source.Name == TapkoTelemetry.ActivitySourceName && s.ParentSpanId == request.SpanId).ToList();
        var update = children.Should().ContainSingle().Which;
        update.TraceId.Should().Be(request.TraceId);
        update.DisplayName.Should().Be("feedback.update_status");
        // With streamed counts (the default) a move is one UpdateItem without a read: the item comes back in its answer.
        update.GetTagItem("db.operation.name").Should().Be("UpdateItem");
        var capacity = update.GetTagItem("aws.dynamodb.consumed_capacity").Should().BeOfType<string[]>().Subject;
        using var answer = JsonDocument.Parse(capacity.Should().ContainSingle().Subject);
        answer.RootElement.GetProperty("GlobalSecondaryIndexes").GetProperty("GSI1").GetProperty("CapacityUnits").GetDouble().Should().BePositive("GSI1 deletes the old status entry and writes the new one");
        ((double)update.GetTagItem("tapko.write_capacity_units")!).Should().Be(answer.RootElement.GetProperty("CapacityUnits").GetDouble());
        ((double)update.GetTagItem("tapko.read_capacity_units")!).Should().Be(0, "nothing is read");
        update.Duration.Should().BeLessThanOrEqualTo(request.Duration);
    }

    /// <summary>Creates a project over HTTP and stores feedback in it through the app's own store.</summary>
    private async Task<(string ProjectId, List<Feedback> Submitted)> ProjectWithFeedbackAsync(HttpClient dashboard, string owner, params string[] messages)
    {
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString()!;
        var store = Api.Services.GetRequiredService<IFeedbackStore>();
        var key = ProjectKey.Parse(owner, projectId);
        var submitted = new List<Feedback>();
        // Dated a millisecond apart: the order of the pages must not depend on the clock ticking between two
        // submissions, since ids of one millisecond sort as their random part falls.
        var first = DateTimeOffset.UtcNow;
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            var payload = JsonDocument.Parse("""{"page":"/pricing"}""").RootElement.Clone();
            var id = FeedbackId.New(new ClockAt(first.AddMilliseconds(i)));
            submitted.Add(await store.SubmitAsync(key, new NewFeedback(message, payload) { Id = id }, Ct));
        }

        return (projectId, submitted);
    }

    private sealed class ClockAt(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The server span of the request; the exporter receives it when the request ends, just after the response.</summary>
    private async Task<Activity> RequestSpanAsync(string method, string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var span = Api.Spans.LastOrDefault(s => s.Kind == ActivityKind.Server
                && (string?)s.GetTagItem("http.request.method") == method && (string?)s.GetTagItem("url.path") == path);
            if (span is not null)
            {
                return span;
            }

            // Only bounds a hang: a busy machine may take its time to end the span.
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2), $"the {method} {path} request span should be exported");
            await Task.Delay(20, Ct);
        }
    }
}
