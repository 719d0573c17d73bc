using System.Text.Json;

namespace Tapko.Data.Tests.Json;

/// <summary>One feedback, project and page with every member set, and the JSON an API client sees for them.</summary>
internal static class JsonFixtures
{
    public static readonly ProjectKey Key = ProjectKey.Parse("user-1", "01JDQ3S8ZK4M7V2P9X6R5T0W1Y");

    public static readonly DateTimeOffset Created = new(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero);

    public static readonly DateTimeOffset Updated = new(2026, 11, 24, 16, 0, 1, 5, TimeSpan.Zero);

    public static Feedback Feedback() => new(
        Key,
        FeedbackId.Parse("01JDQ3S8ZK0000000000000000"),
        "The export button is hidden on mobile.",
        FeedbackStatus.InProgress,
        JsonDocument.Parse("""{"page":"/pricing","rating":4}""").RootElement.Clone(),
        Created,
        Updated);

    public static Project Project() => new(Key, "My website", IsCollectingFeedback: false, Created, Updated, Version: 3);

    /// <summary>What the default web options (ASP.NET Core's) write for <see cref="Feedback()"/>.</summary>
    public const string FeedbackJson =
        """{"project":{"owner":"user-1","projectId":"01JDQ3S8ZK4M7V2P9X6R5T0W1Y"},"id":"01JDQ3S8ZK0000000000000000","message":"The export button is hidden on mobile.","status":"in-progress","payload":{"page":"/pricing","rating":4},"createdAt":"2026-11-24T15:43:45.123+00:00","updatedAt":"2026-11-24T16:00:01.005+00:00"}""";

    /// <summary>What the default web options write for <see cref="Project()"/>.</summary>
    public const string ProjectJson =
        """{"key":{"owner":"user-1","projectId":"01JDQ3S8ZK4M7V2P9X6R5T0W1Y"},"name":"My website","isCollectingFeedback":false,"createdAt":"2026-11-24T15:43:45.123+00:00","updatedAt":"2026-11-24T16:00:01.005+00:00","version":3,"feedbackShards":1,"retention":{"resolvedRetentionDays":null,"maxAgeDays":null}}""";

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
