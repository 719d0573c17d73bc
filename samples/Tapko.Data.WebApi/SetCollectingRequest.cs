namespace Tapko.Data.WebApi;

/// <summary>The body of <c>PUT /projects/{projectId}/collecting</c>.</summary>
/// <param name="IsCollectingFeedback">Whether the widget may submit.</param>
public sealed record SetCollectingRequest(bool IsCollectingFeedback);
