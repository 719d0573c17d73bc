namespace Tapko.Data;

/// <summary>What happened to a piece of feedback (<see cref="FeedbackEvent.Kind"/>).</summary>
public enum FeedbackEventKind
{
    /// <summary>It was submitted (by its owner or through the widget).</summary>
    Submitted,

    /// <summary>Its status moved.</summary>
    StatusChanged,

    /// <summary>It was deleted: on its own, or with its project.</summary>
    Deleted,

    /// <summary>Its retention ran out and DynamoDB removed it (its time to live).</summary>
    Expired,
}
