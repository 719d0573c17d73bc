namespace Tapko.Data.ChangeFeed;

/// <summary>
/// What one batch of changes does to one project's counts (one life of its id): a delta per status, a delta per
/// expiry instant, the first and last stream position per feedback partition, and when its last change happened.
/// Applied as one write on the project's claim (<see cref="CountsRequests"/>).
/// </summary>
internal sealed class CountsDelta
{
    private CountsDelta(ProjectKey project, string incarnation, IReadOnlyList<FeedbackChange> changes)
    {
        Project = project;
        Incarnation = incarnation;
        Changes = changes;
        foreach (var change in changes)
        {
            Add(change.Before, -1);
            Add(change.After, +1);
            var key = StreamedCounts.PositionKey(change.Shard);
            var position = StreamedCounts.Position(change.Record.SequenceNumber);
            Positions[key] = Positions.TryGetValue(key, out var range) ? (range.First, position) : (position, position);
            if (change.Record.CreatedAt > LastChangeAt)
            {
                LastChangeAt = change.Record.CreatedAt;
            }
        }
    }

    public ProjectKey Project { get; }

    public string Incarnation { get; }

    /// <summary>The changes, in stream order.</summary>
    public IReadOnlyList<FeedbackChange> Changes { get; }

    /// <summary>The change to each status's count; zeros are left in.</summary>
    public Dictionary<FeedbackStatus, long> Counts { get; } = [];

    /// <summary>The change to each <see cref="StreamedCounts.ExpiringKey"/>; zeros are left in.</summary>
    public SortedDictionary<string, long> Expiring { get; } = new(StringComparer.Ordinal);

    /// <summary>Per feedback partition (<see cref="StreamedCounts.PositionKey"/>), the first and last padded sequence numbers.</summary>
    public SortedDictionary<string, (string First, string Last)> Positions { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastChangeAt { get; } = DateTimeOffset.MinValue;

    /// <summary>The earliest sequence number of the delta, where a batch that failed to apply it resumes.</summary>
    public ChangeRecord FirstRecord => Changes[0].Record;

    /// <summary>
    /// The deltas of <paramref name="changes"/>, one per project and life, each in stream order, in the order their first
    /// change appears.
    /// </summary>
    public static List<CountsDelta> Of(IEnumerable<FeedbackChange> changes) =>
        [.. changes
            .GroupBy(c => (c.Project.ProjectId, c.Incarnation))
            .Select(g => new CountsDelta(g.First().Project, g.Key.Incarnation, [.. g]))];

    /// <summary>
    /// The part of this delta not applied yet, given the positions the claim holds: only the changes past each
    /// partition's stored position. <see langword="null"/> when everything was applied before (a repeated delivery).
    /// </summary>
    public CountsDelta? After(IReadOnlyDictionary<string, string> applied)
    {
        var rest = Changes
            .Where(c => !applied.TryGetValue(StreamedCounts.PositionKey(c.Shard), out var at)
                || string.CompareOrdinal(StreamedCounts.Position(c.Record.SequenceNumber), at) > 0)
            .ToList();
        return rest.Count == 0 ? null : new CountsDelta(Project, Incarnation, rest);
    }

    private void Add(CountedState? state, int sign)
    {
        if (state is not { } s)
        {
            return;
        }

        Counts[s.Status] = Counts.GetValueOrDefault(s.Status) + sign;
        if (s.ExpiresAt is { } at)
        {
            var key = StreamedCounts.ExpiringKey(s.Status, at);
            Expiring[key] = Expiring.GetValueOrDefault(key) + sign;
        }
    }
}
