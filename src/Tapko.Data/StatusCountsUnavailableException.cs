namespace Tapko.Data;

/// <summary>
/// <see cref="IFeedbackStore.GetStatusCountsAsync"/> with <see cref="StatusCountsMode.Streamed"/> found no projector
/// keeping the table's counts: none has ever reported, or the last report is older than
/// <see cref="TapkoStoreOptions.StatusCountsMaxLag"/>, or it reported being further behind than that. The numbers on the
/// project may then be missing changes, so they are not returned as if they were current.
/// </summary>
/// <remarks>
/// Ways out: run the hosted projector (<c>services.AddTapkoProjector()</c>) in one long-running host; or deploy
/// <see cref="TapkoProjectorFunction"/> as an AWS Lambda on the table's stream (docs/table.md), with its one-minute
/// schedule so an idle table still reports; or set <see cref="TapkoStoreOptions.StatusCounts"/> to
/// <see cref="StatusCountsMode.Maintained"/>, which keeps counters in every write's transaction instead.
/// </remarks>
public sealed class StatusCountsUnavailableException : TapkoException
{
    internal StatusCountsUnavailableException(string table, string reason, FeedbackStatusCounts? lastKnown)
        : base(
            $"The status counts of table '{table}' are not being kept: {reason}. Run the hosted projector " +
            "(services.AddTapkoProjector()), or deploy TapkoProjectorFunction as a Lambda on the table's stream with its " +
            "one-minute schedule (docs/table.md), or set StatusCounts = Maintained.")
    {
        LastKnown = lastKnown;
    }

    /// <summary>The numbers stored for the project, which may miss recent changes; <see langword="null"/> for a missing project.</summary>
    public FeedbackStatusCounts? LastKnown { get; }
}
