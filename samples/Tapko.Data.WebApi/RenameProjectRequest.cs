namespace Tapko.Data.WebApi;

/// <summary>The body of <c>PUT /projects/{projectId}/name</c>; the version the client last saw goes in <c>If-Match</c>.</summary>
/// <param name="Name">The new display name.</param>
public sealed record RenameProjectRequest(string Name);
