using System.Text.Json;

namespace Tapko.Data;

/// <summary>One piece of feedback submitted to a project.</summary>
/// <remarks>
/// Record equality compares <see cref="Payload"/> as <see cref="JsonElement"/> does, by document identity; compare
/// payloads with <c>JsonElement.DeepEquals</c> (or their text) when two reads must be checked for the same content.
/// </remarks>
/// <param name="Project">The owning project (owner and project id).</param>
/// <param name="Id">The feedback id; its timestamp is <paramref name="CreatedAt"/>.</param>
/// <param name="Message">The text the submitter wrote.</param>
/// <param name="Status">Where it is in triage.</param>
/// <param name="Payload">Free-form JSON object captured with the feedback (browser, page, rating, ...), or <see langword="null"/>.</param>
/// <param name="CreatedAt">When it was submitted (UTC, millisecond precision).</param>
/// <param name="UpdatedAt">When its status last changed (UTC, millisecond precision).</param>
public sealed record Feedback(
    ProjectKey Project,
    FeedbackId Id,
    string Message,
    FeedbackStatus Status,
    JsonElement? Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
