using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>
/// The widget's anonymous routes. The widget knows only the project id from the page that embeds it; the store finds
/// the owner through the project's claim, and the receipt it returns names no owner.
/// </summary>
public static class WidgetEndpoints
{
    /// <summary>Maps the widget routes under <c>/widget</c>.</summary>
    /// <param name="app">The application's routes.</param>
    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        // A public site would add CORS for the embedding origins and rate limiting here; both are host concerns.
        app.MapPost("/widget/projects/{projectId}/feedback", async (ProjectId projectId, WidgetSubmission body, IFeedbackStore store, CancellationToken ct) =>
            TypedResults.Created((string?)null, await store.SubmitFromWidgetAsync(projectId, body.ToNewFeedback(), ct)))
            .WithTags("Widget");
        return app;
    }
}
