using System.Text.Json;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>A feedback item of the generated dataset, independent of how a design stores it.</summary>
/// <param name="Recency">0 for the project's newest item, 1 for the next older one, and so on.</param>
public sealed record GeneratedFeedback(
    ProjectKey Project,
    FeedbackId Id,
    string Message,
    JsonElement Payload,
    FeedbackStatus Status,
    DateTimeOffset UpdatedAt,
    int Recency)
{
    public DateTimeOffset CreatedAt => Id.CreatedAt;

    public Feedback ToFeedback() => new(Project, Id, Message, Status, Payload, CreatedAt, UpdatedAt);

    public GeneratedFeedback WithStatus(FeedbackStatus status, DateTimeOffset updatedAt) => this with { Status = status, UpdatedAt = updatedAt };
}
