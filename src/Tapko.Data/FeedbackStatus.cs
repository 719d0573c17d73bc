namespace Tapko.Data;

/// <summary>Where a piece of feedback is in triage. Stored on the wire as <c>open</c>, <c>in-progress</c> and <c>resolved</c>.</summary>
public enum FeedbackStatus
{
    /// <summary>New, not yet looked at. Stored as <c>open</c>.</summary>
    Open,

    /// <summary>Someone is working on it. Stored as <c>in-progress</c>.</summary>
    InProgress,

    /// <summary>Done. Stored as <c>resolved</c>.</summary>
    Resolved,
}
