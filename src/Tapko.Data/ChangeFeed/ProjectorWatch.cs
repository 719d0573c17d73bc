namespace Tapko.Data.ChangeFeed;

/// <summary>
/// How a count read knows whether a projector keeps the streamed counts: the table's <see cref="Heartbeat"/>, read at
/// most every <see cref="Refresh"/> per process while it looks healthy (0.5 read units), so a count read stays one
/// <c>GetItem</c> of the project's claim. Counts no projector keeps are refused with <see cref="StatusCountsUnavailableException"/>.
/// </summary>
internal sealed class ProjectorWatch(RequestSender requests, string table, TimeProvider time, TimeSpan maxLag)
{
    /// <summary>How long a heartbeat read serves count reads; short beside <see cref="TapkoStoreOptions.StatusCountsMaxLag"/>.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);

    private volatile Reading? last;

    /// <summary>
    /// <paramref name="counts"/> stamped with how current they are, or <see cref="StatusCountsUnavailableException"/>
    /// naming why no projector can be trusted with them.
    /// </summary>
    public async Task<FeedbackStatusCounts> StampAsync(OperationScope scope, FeedbackStatusCounts counts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reading = last;
        // A reading that found no projector is never reused: one may have started since, and an error costs the read.
        if (reading is null || now - reading.ReadAt >= Refresh || now < reading.ReadAt || Problem(reading.Beat, now) is not null)
        {
            var response = await requests.GetItemAsync(scope, Heartbeat.Read(table), cancellationToken).ConfigureAwait(false);
            last = reading = new Reading(Heartbeat.FromItem(response.Item), now);
        }

        return Problem(reading.Beat, now) is { } problem
            ? throw new StatusCountsUnavailableException(table, problem, counts)
            : counts with { AsOf = reading.Beat!.Watermark < now ? reading.Beat.Watermark : now };
    }

    private string? Problem(Heartbeat? beat, DateTimeOffset now) =>
        beat is null ? "no projector has ever reported on it"
        : now - beat.ReportedAt > maxLag
            ? $"its projector ({beat.Host}) last reported {Seconds(now - beat.ReportedAt)} ago, more than the {Seconds(maxLag)} allowed"
        : beat.Lag > maxLag
            ? $"its projector ({beat.Host}) was {Seconds(beat.Lag)} behind the table's changes when it last reported, " +
              $"more than the {Seconds(maxLag)} allowed"
        : null;

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";

    private sealed record Reading(Heartbeat? Beat, DateTimeOffset ReadAt);
}
