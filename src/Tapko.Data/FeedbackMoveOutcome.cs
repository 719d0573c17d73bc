namespace Tapko.Data;

/// <summary>The outcome of one item of <see cref="IFeedbackStore.MoveManyAsync"/>.</summary>
public enum FeedbackMoveOutcome
{
    /// <summary>The item is now in the new status (it may have been in it already).</summary>
    Moved,

    /// <summary>No such feedback in the project (or it belongs to another owner); nothing was written.</summary>
    NotFound,

    /// <summary>The item was not in the expected status; it was left as it is.</summary>
    Conflict,
}
