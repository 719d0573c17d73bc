namespace Tapko.Data.WebApi;

/// <summary>The body of <c>POST /projects</c>. The id is minted by the server (<c>ProjectId.New()</c>), never taken from the client.</summary>
/// <param name="Name">Display name.</param>
/// <param name="IsCollectingFeedback">Whether the widget may submit right away; <see langword="true"/> when left out.</param>
public sealed record CreateProjectRequest(string Name, bool IsCollectingFeedback = true);
