namespace Tapko.Data;

/// <summary>The order of a feedback listing, by creation time.</summary>
public enum SortOrder
{
    /// <summary>Most recent first.</summary>
    NewestFirst,

    /// <summary>Oldest first.</summary>
    OldestFirst,
}
