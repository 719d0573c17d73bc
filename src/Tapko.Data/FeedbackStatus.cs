using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>Where a piece of feedback is in triage. Stored on the wire as <c>open</c>, <c>in-progress</c> and <c>resolved</c>.</summary>
[JsonConverter(typeof(FeedbackStatusJsonConverter))]
public enum FeedbackStatus
{
    /// <summary>New, not yet looked at. Stored as <c>open</c>.</summary>
#if NET9_0_OR_GREATER
    // Keeps the wire name even where a host-wide JsonStringEnumConverter overrides the type's own converter.
    [JsonStringEnumMemberName("open")]
#endif
    Open,

    /// <summary>Someone is working on it. Stored as <c>in-progress</c>.</summary>
#if NET9_0_OR_GREATER
    [JsonStringEnumMemberName("in-progress")]
#endif
    InProgress,

    /// <summary>Done. Stored as <c>resolved</c>.</summary>
#if NET9_0_OR_GREATER
    [JsonStringEnumMemberName("resolved")]
#endif
    Resolved,
}
