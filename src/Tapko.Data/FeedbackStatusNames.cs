namespace Tapko.Data;

/// <summary>Converts <see cref="FeedbackStatus"/> to and from its wire name.</summary>
public static class FeedbackStatusNames
{
    /// <summary>Returns the wire name: <c>open</c>, <c>in-progress</c> or <c>resolved</c>.</summary>
    /// <param name="status">The status to name.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="status"/> is not a defined value.</exception>
    public static string ToWireName(this FeedbackStatus status) => status switch
    {
        FeedbackStatus.Open => "open",
        FeedbackStatus.InProgress => "in-progress",
        FeedbackStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A feedback status must be Open, InProgress or Resolved."),
    };

    /// <summary>Parses a wire name (exact, lower case).</summary>
    /// <param name="wireName">The stored name.</param>
    /// <param name="status">The status when the method returns <see langword="true"/>.</param>
    public static bool TryParse(string? wireName, out FeedbackStatus status)
    {
        switch (wireName)
        {
            case "open": status = FeedbackStatus.Open; return true;
            case "in-progress": status = FeedbackStatus.InProgress; return true;
            case "resolved": status = FeedbackStatus.Resolved; return true;
            default: status = default; return false;
        }
    }

    internal static FeedbackStatus Require(FeedbackStatus status, string paramName) =>
        Enum.IsDefined(status) ? status : throw new ArgumentOutOfRangeException(paramName, status, "A feedback status must be Open, InProgress or Resolved.");
}
