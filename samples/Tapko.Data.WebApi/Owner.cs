using Tapko.Data;

namespace Tapko.Data.WebApi;

/// <summary>
/// The signed-in owner of the dashboard, taken from the <c>X-User-Id</c> header. A stand-in for real authentication:
/// a real service takes the user id from a validated token (for example the <c>sub</c> claim of
/// <c>HttpContext.User</c>) and never from a header a client can set.
/// </summary>
/// <param name="Id">The owner's user id.</param>
public readonly record struct Owner(UserId Id)
{
    /// <summary>The header carrying the user id in this sample.</summary>
    public const string Header = "X-User-Id";

    /// <summary>Binds the owner of a request; minimal APIs call this for every <see cref="Owner"/> parameter.</summary>
    /// <param name="context">The request.</param>
    public static ValueTask<Owner> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers[Header].ToString();
        return UserId.TryParse(header, out var id)
            ? ValueTask.FromResult(new Owner(id))
            : throw new BadHttpRequestException($"Send the owner's user id in the {Header} header.", StatusCodes.Status401Unauthorized);
    }

    /// <summary>The key of one of this owner's projects.</summary>
    /// <param name="projectId">The project.</param>
    public ProjectKey Project(ProjectId projectId) => new(Id, projectId);
}
