using System.Net;
using System.Net.Http.Json;

namespace Tapko.Data.WebApi.Tests;

/// <summary>Projects over HTTP: JSON in and out, ETags for renames, and the status code of every refusal.</summary>
public sealed class ProjectEndpointTests(WebApiFixture fixture) : ApiTestBase(fixture, "webapi-projects")
{
    [Fact]
    public async Task A_project_is_created_read_listed_and_deleted_as_json()
    {
        using var dashboard = Dashboard(out var owner);

        var response = await dashboard.PostAsJsonAsync("/projects", new { name = "My website", isCollectingFeedback = false }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await JsonAsync(response);
        var projectId = created.GetProperty("key").GetProperty("projectId").GetString()!;
        response.Headers.Location!.ToString().Should().Be($"/projects/{projectId}");
        created.GetProperty("key").GetProperty("owner").GetString().Should().Be(owner);
        ProjectId.TryParse(projectId, out _).Should().BeTrue("the server mints the id");
        created.GetProperty("name").GetString().Should().Be("My website");
        created.GetProperty("isCollectingFeedback").GetBoolean().Should().BeFalse();
        created.GetProperty("version").GetInt64().Should().Be(1);

        var read = await dashboard.GetAsync($"/projects/{projectId}", Ct);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await read.Content.ReadFromJsonAsync<Project>(Ct)).Should().Be(created.As<Project>());

        var page = await JsonAsync(await dashboard.GetAsync("/projects?pageSize=10", Ct));
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetProperty("projectId").GetString())
            .Should().Equal(projectId);
        page.GetProperty("hasMore").GetBoolean().Should().BeFalse();

        (await dashboard.DeleteAsync($"/projects/{projectId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ProblemAsync(await dashboard.GetAsync($"/projects/{projectId}", Ct), 404);
        await ProblemAsync(await dashboard.DeleteAsync($"/projects/{projectId}", Ct), 404);
    }

    [Fact]
    public async Task A_rename_needs_the_current_version_in_if_match()
    {
        using var dashboard = Dashboard(out _);
        var projectId = (await CreateProjectAsync(dashboard)).GetProperty("key").GetProperty("projectId").GetString();

        var renamed = await dashboard.SendAsync(Rename(projectId, "Renamed", "\"1\""), Ct);
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(renamed)).GetProperty("version").GetInt64().Should().Be(2);

        var stale = await ProblemAsync(await dashboard.SendAsync(Rename(projectId, "Again", "\"1\""), Ct), 412);
        stale.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        await ProblemAsync(await dashboard.SendAsync(Rename(projectId, "Again", null), Ct), 428);
        await ProblemAsync(await dashboard.SendAsync(Rename(projectId, "", "\"2\""), Ct), 400);
    }

    [Fact]
    public async Task Another_owners_project_is_not_found()
    {
        using var alice = Dashboard(out _, "alice");
        using var bob = Dashboard(out _, "bob");
        var projectId = (await CreateProjectAsync(alice)).GetProperty("key").GetProperty("projectId").GetString();

        await ProblemAsync(await bob.GetAsync($"/projects/{projectId}", Ct), 404);
        await ProblemAsync(await bob.PutAsJsonAsync($"/projects/{projectId}/collecting", new { isCollectingFeedback = false }, Ct), 404);
        await ProblemAsync(await bob.DeleteAsync($"/projects/{projectId}", Ct), 404);
        (await JsonAsync(await bob.GetAsync("/projects", Ct))).GetProperty("items").GetArrayLength().Should().Be(0);
        (await alice.GetAsync($"/projects/{projectId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "nothing bob did touched it");
    }

    [Fact]
    public async Task Requests_without_an_owner_or_with_bad_input_are_refused_as_problems()
    {
        using var anonymous = Api.CreateClient();
        using var dashboard = Dashboard(out _);

        await ProblemAsync(await anonymous.GetAsync("/projects", Ct), 401);
        await ProblemAsync(await dashboard.GetAsync("/projects/a%23b", Ct), 400);
        await ProblemAsync(await dashboard.GetAsync("/projects?continuationToken=not-a-token", Ct), 400);
        await ProblemAsync(await dashboard.PostAsJsonAsync("/projects", new { name = new string('x', 201) }, Ct), 400);
        await ProblemAsync(await dashboard.PostAsync("/projects", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct), 400);
    }

    [Fact]
    public async Task Healthz_reports_the_table()
    {
        using var client = Api.CreateClient();

        var response = await client.GetAsync("/healthz", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("Healthy");

        await Fixture.Client.DeleteTableAsync(Table, Ct);
        var missing = await client.GetAsync("/healthz", Ct);
        missing.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await missing.Content.ReadAsStringAsync(Ct)).Should().Be("Unhealthy");
    }

    private static HttpRequestMessage Rename(string? projectId, string name, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/projects/{projectId}/name") { Content = JsonContent.Create(new { name }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
