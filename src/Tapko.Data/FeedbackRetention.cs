namespace Tapko.Data;

/// <summary>
/// How long a project keeps its feedback (<c>IProjectStore.SetRetentionAsync</c>). Expired feedback is gone for
/// every read at once (gets, pages, counts, moves) and removed by DynamoDB's time to live later, for free.
/// </summary>
/// <remarks>
/// Expiry instants sit on a grid, which keeps counts exact through the window between expiry and removal: resolved
/// feedback expires at the first UTC midnight at least <see cref="ResolvedRetentionDays"/> after it was resolved, and
/// any feedback at the first Monday 00:00 UTC at least <see cref="MaxAgeDays"/> after it was submitted, whichever comes
/// first. Reopening resolved feedback clears its resolved expiry.
/// </remarks>
public sealed record FeedbackRetention
{
    /// <summary>The longest <see cref="ResolvedRetentionDays"/>.</summary>
    public const int MaxResolvedRetentionDays = 90;

    /// <summary>The shortest <see cref="MaxAgeDays"/>.</summary>
    public const int MinMaxAgeDays = 7;

    /// <summary>The longest <see cref="MaxAgeDays"/>.</summary>
    public const int MaxMaxAgeDays = 730;

    /// <summary>Keeps everything: no expiry (the default of every project).</summary>
    public static FeedbackRetention KeepForever { get; } = new();

    /// <summary>Days resolved feedback is kept after it was resolved, 1 to 90; <see langword="null"/> keeps it.</summary>
    public int? ResolvedRetentionDays { get; init; }

    /// <summary>Days any feedback is kept after it was submitted, 7 to 730; <see langword="null"/> for no limit.</summary>
    public int? MaxAgeDays { get; init; }

    /// <summary>Whether anything ever expires.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Expires => ResolvedRetentionDays is not null || MaxAgeDays is not null;

    internal FeedbackRetention Require(string paramName)
    {
        if (ResolvedRetentionDays is < 1 or > MaxResolvedRetentionDays)
        {
            throw new ArgumentOutOfRangeException(paramName, ResolvedRetentionDays,
                $"ResolvedRetentionDays must be 1 to {MaxResolvedRetentionDays} days, or null.");
        }

        if (MaxAgeDays is < MinMaxAgeDays or > MaxMaxAgeDays)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxAgeDays, $"MaxAgeDays must be {MinMaxAgeDays} to {MaxMaxAgeDays} days, or null.");
        }

        return this;
    }
}
