using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>
/// The owner's dashboard: projects, their feedback pages and triage. Every route is addressed by the
/// <see cref="Owner"/> and a project id, so another owner's project answers 404 exactly like a missing one.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the dashboard routes under <c>/projects</c>.</summary>
    /// <param name="app">The application's routes.</param>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/projects").WithTags("Dashboard");

        projects.MapPost("/", async (Owner owner, CreateProjectRequest body, IProjectStore store, CancellationToken ct) =>
        {
            var project = await store.CreateAsync(owner.Project(ProjectId.New()), body.Name, body.IsCollectingFeedback, ct);
            return TypedResults.Created($"/projects/{project.Key.ProjectId}", project);
        });

        projects.MapGet("/", (Owner owner, int? pageSize, string? continuationToken, IProjectStore store, CancellationToken ct) =>
            store.ListAsync(owner.Id, new ProjectQuery { PageSize = pageSize ?? PageLimits.DefaultPageSize, ContinuationToken = continuationToken }, ct));

        projects.MapGet("/{projectId}", async Task<Results<Ok<Project>, ProblemHttpResult>> (Owner owner, ProjectId projectId, HttpContext http, IProjectStore store, CancellationToken ct) =>
        {
            var project = await store.GetAsync(owner.Project(projectId), ct);
            if (project is null)
            {
                return NotFound("project");
            }

            // The version is the ETag a rename sends back in If-Match.
            http.Response.Headers.ETag = ETag(project.Version);
            return TypedResults.Ok(project);
        });

        projects.MapPut("/{projectId}/name", async (Owner owner, ProjectId projectId, RenameProjectRequest body, HttpRequest request, IProjectStore store, CancellationToken ct) =>
            await store.RenameAsync(owner.Project(projectId), body.Name, IfMatchVersion(request), ct));

        projects.MapPut("/{projectId}/collecting", async (Owner owner, ProjectId projectId, SetCollectingRequest body, IProjectStore store, CancellationToken ct) =>
            await store.SetCollectingFeedbackAsync(owner.Project(projectId), body.IsCollectingFeedback, ct));

        projects.MapDelete("/{projectId}", async Task<Results<NoContent, ProblemHttpResult>> (Owner owner, ProjectId projectId, IProjectStore store, CancellationToken ct) =>
            await store.DeleteAsync(owner.Project(projectId), ct) is null ? NotFound("project") : TypedResults.NoContent());

        projects.MapGet("/{projectId}/feedback", (
            Owner owner,
            ProjectId projectId,
            string? status,
            SortOrder? order,
            int? pageSize,
            DateTimeOffset? createdFrom,
            DateTimeOffset? createdTo,
            string? continuationToken,
            IFeedbackStore store,
            CancellationToken ct) =>
        {
            var query = new FeedbackQuery
            {
                Order = order ?? SortOrder.NewestFirst,
                PageSize = pageSize ?? PageLimits.DefaultPageSize,
                CreatedFrom = createdFrom,
                CreatedTo = createdTo,
                ContinuationToken = continuationToken,
            };
            if (status is null)
            {
                return store.ListAsync(owner.Project(projectId), query, ct);
            }

            // The query string carries the wire name (?status=in-progress); this is the one line that binds it.
            return FeedbackStatusNames.TryParse(status, out var wanted)
                ? store.ListByStatusAsync(owner.Project(projectId), wanted, query, ct)
                : throw new ArgumentException("status must be open, in-progress or resolved.", nameof(status));
        });

        projects.MapGet("/{projectId}/feedback/{feedbackId}", async Task<Results<Ok<Feedback>, ProblemHttpResult>> (Owner owner, ProjectId projectId, FeedbackId feedbackId, IFeedbackStore store, CancellationToken ct) =>
            await store.GetAsync(owner.Project(projectId), feedbackId, ct) is { } feedback ? TypedResults.Ok(feedback) : NotFound("feedback"));

        projects.MapPut("/{projectId}/feedback/{feedbackId}/status", async (Owner owner, ProjectId projectId, FeedbackId feedbackId, MoveStatusRequest body, IFeedbackStore store, CancellationToken ct) =>
            await store.UpdateStatusAsync(owner.Project(projectId), feedbackId, body.Status, body.ExpectedStatus, ct));

        projects.MapDelete("/{projectId}/feedback/{feedbackId}", async Task<Results<NoContent, ProblemHttpResult>> (Owner owner, ProjectId projectId, FeedbackId feedbackId, IFeedbackStore store, CancellationToken ct) =>
            await store.DeleteAsync(owner.Project(projectId), feedbackId, ct) ? TypedResults.NoContent() : NotFound("feedback"));

        return app;
    }

    private static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No such {what} of yours.");

    private static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static long IfMatchVersion(HttpRequest request)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        return tags is [{ IsWeak: false } tag] && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new BadHttpRequestException(
                $"Send the version you last read as {HeaderNames.IfMatch}: \"<version>\" (the project's ETag).", StatusCodes.Status428PreconditionRequired);
    }
}
