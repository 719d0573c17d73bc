namespace Tapko.Data.WebApi;

/// <summary>The widget's anonymous routes.</summary>
public static class WidgetEndpoints
{
    /// <summary>Maps the widget routes under <c>/widget</c>.</summary>
    /// <param name="app">The application's routes.</param>
    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app) => app;
}
