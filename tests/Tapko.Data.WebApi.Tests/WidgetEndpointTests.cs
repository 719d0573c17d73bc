using System.Net;
using System.Net.Http.Json;

namespace Tapko.Data.WebApi.Tests;

/// <summary>The widget's anonymous submit by project id: receipts without the owner, retries, closed and unknown projects.</summary>
public sealed class WidgetEndpointTests(WebApiFixture fixture) : ApiTestBase(fixture, "webapi-widget")
{
    private static readonly int[] NotAnObject = [1];

    [Fact]
    public async Task A_submission_is_acknowledged_with_a_receipt_that_names_no_owner()
    {
        using var dashboard = Dashboard(out var owner);
        using var widget = Api.CreateClient();
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();

        var response = await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback",
            new { message = "The export button is hidden on mobile.", payload = new { page = "/pricing", rating = 4 } }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().NotContain(owner);
        var receipt = await JsonAsync(response);
        receipt.EnumerateObject().Select(p => p.Name).Should().Equal("projectId", "id", "status", "createdAt");
        receipt.GetProperty("projectId").GetString().Should().Be(projectId);
        receipt.GetProperty("status").GetString().Should().Be("open");

        var stored = (await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback/{receipt.GetProperty("id").GetString()}", Ct))).As<Feedback>();
        stored.Message.Should().Be("The export button is hidden on mobile.");
        stored.Payload!.Value.GetProperty("rating").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task A_retried_submission_with_its_id_is_stored_once()
    {
        using var dashboard = Dashboard(out _);
        using var widget = Api.CreateClient();
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();
        var submission = new { message = "Sent twice", id = FeedbackId.New().ToString() };

        var first = await JsonAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", submission, Ct));
        var again = await JsonAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", submission, Ct));

        again.GetProperty("id").GetString().Should().Be(submission.id).And.Be(first.GetProperty("id").GetString());
        (await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback", Ct))).GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_closed_project_refuses_with_400_until_it_is_reopened()
    {
        using var dashboard = Dashboard(out _);
        using var widget = Api.CreateClient();
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();
        var url = $"/widget/projects/{projectId}/feedback";

        var closed = await dashboard.PutAsJsonAsync($"/projects/{projectId}/collecting", new { isCollectingFeedback = false }, Ct);
        (await JsonAsync(closed)).GetProperty("isCollectingFeedback").GetBoolean().Should().BeFalse();

        var refused = await ProblemAsync(await widget.PostAsJsonAsync(url, new { message = "Too late" }, Ct), 400);
        refused.GetProperty("title").GetString().Should().Be("The project is not collecting feedback.");
        (await JsonAsync(await dashboard.GetAsync($"/projects/{projectId}/feedback", Ct))).GetProperty("items").GetArrayLength().Should().Be(0);

        await dashboard.PutAsJsonAsync($"/projects/{projectId}/collecting", new { isCollectingFeedback = true }, Ct);
        (await widget.PostAsJsonAsync(url, new { message = "Back open" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_projects_and_bad_submissions_are_refused_as_problems()
    {
        using var widget = Api.CreateClient();
        using var dashboard = Dashboard(out _);
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();

        await ProblemAsync(await widget.PostAsJsonAsync($"/widget/projects/{ProjectId.New()}/feedback", new { message = "Anyone there?" }, Ct), 404);
        await ProblemAsync(await widget.PostAsJsonAsync($"/widget/projects/a%23b/feedback", new { message = "x" }, Ct), 400);
        await ProblemAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = " " }, Ct), 400);
        await ProblemAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = "x", payload = NotAnObject }, Ct), 400);
        await ProblemAsync(await widget.PostAsJsonAsync($"/widget/projects/{projectId}/feedback", new { message = "x", id = "not-a-ulid" }, Ct), 400);
    }
}
