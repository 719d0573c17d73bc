using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>
/// Turns the library's exceptions into RFC 7807 problem details with the status codes of the README's errors table.
/// Anything else is a 500 without details.
/// </summary>
public sealed partial class TapkoProblemDetailsHandler(IProblemDetailsService problemDetails, ILogger<TapkoProblemDetailsHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title) = Classify(exception, httpContext.Request);
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            // The library's messages name the rule or the state that failed, never another owner's data.
            Detail = status == StatusCodes.Status500InternalServerError ? null : exception.Message,
        };
        if (exception is ConcurrencyConflictException { Actual: { } actual })
        {
            problem.Extensions["actual"] = actual;
        }

        if (exception is WriteContentionException)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Title) Classify(Exception exception, HttpRequest request) => exception switch
    {
        BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status401Unauthorized ? "Who is asking?" : "The request is malformed."),
        ArgumentException => (StatusCodes.Status400BadRequest, "The request breaks an input rule."),
        FeedbackCollectionClosedException => (StatusCodes.Status400BadRequest, "The project is not collecting feedback."),
        InvalidContinuationTokenException => (StatusCodes.Status400BadRequest, "The continuation token is not valid for this query."),
        TapkoNotFoundException => (StatusCodes.Status404NotFound, "Not found."),
        DuplicateItemException => (StatusCodes.Status409Conflict, "It already exists."),
        // A conditional request (If-Match) whose condition no longer holds is a failed precondition; any other
        // expectation that no longer holds (an expected status) is a conflict with the current state.
        ConcurrencyConflictException when request.Headers.IfMatch.Count > 0 => (StatusCodes.Status412PreconditionFailed, "It changed since you read it."),
        ConcurrencyConflictException => (StatusCodes.Status409Conflict, "It is not in the expected state."),
        ItemTooLargeException => (StatusCodes.Status413PayloadTooLarge, "The feedback is too large to store."),
        WriteContentionException => (StatusCodes.Status503ServiceUnavailable, "Too many concurrent writes to this project; try again."),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
