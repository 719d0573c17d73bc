using System.Globalization;

namespace Tapko.Data.Schema;

/// <summary>
/// How a project spreads its feedback: over <see cref="Count"/> partition-key shards (K), with <see cref="Heads"/> head
/// items (H) that carry its open check and status counters. Fixed when the project is created; <c>default</c> is one
/// shard, the schema's own layout, where the project item itself is the one head.
/// </summary>
/// <remarks>
/// <para>
/// Which shard and which head a feedback item belongs to is a pure function of its id: a fixed hash (32-bit FNV-1a) of
/// the ULID's random part, never <see cref="string.GetHashCode()"/>, which differs between processes. So a read,
/// move or delete by id, and a retried submission, go straight to one shard and one head.
/// </para>
/// <para>
/// Why more heads than shards: DynamoDB cancels two transactions that touch one item at once, so every head serialises
/// the submissions that update it (about 100/s if a transaction holds its items 10 ms), while a shard's key takes about
/// 250 submissions/s of write units. <see cref="HeadsPerShard"/> heads per shard keep each head below that key's share.
/// Toggling collection changes every head in one transaction with the project item, so heads are capped at
/// <see cref="MaxHeads"/> (DynamoDB allows 100 actions in a transaction).
/// </para>
/// </remarks>
internal readonly record struct ShardLayout
{
    /// <summary>The most shards a project may have: a merged page queries every one of them.</summary>
    public const int MaxShards = ProjectRules.MaxFeedbackShards;

    /// <summary>Heads per shard, up to <see cref="MaxHeads"/>.</summary>
    public const int HeadsPerShard = 8;

    /// <summary>The most heads: a create puts them with the project and its claim, in one transaction of at most 100 actions.</summary>
    public const int MaxHeads = 96;

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>The first character of a ULID's random part; before it, 10 characters of timestamp.</summary>
    private const int RandomPartStart = 10;

    private readonly int count;

    // One shard is stored as zero, so every unsharded layout equals default.
    private ShardLayout(int count) => this.count = count <= 1 ? 0 : count;

    /// <summary>One shard: the schema's <c>PROJECT#&lt;projectId&gt;</c> partition, no head items.</summary>
    public static ShardLayout One => default;

    /// <summary>The number of shards, K (at least 1).</summary>
    public int Count => Math.Max(1, count);

    /// <summary>The number of head items, H: none unsharded, else <see cref="HeadsPerShard"/> per shard, at most <see cref="MaxHeads"/>.</summary>
    public int Heads => IsSharded ? Math.Min(MaxHeads, Count * HeadsPerShard) : 0;

    /// <summary>
    /// Whether head items carry the project's open check and counters; without them the project item does. With heads a
    /// submission must check its head in a transaction (a close and a delete change the heads, not the item it writes),
    /// a toggle changes every head with the project item, and counts are the sum of the heads'.
    /// </summary>
    public bool HasHeads => Heads > 0;

    /// <summary>
    /// Most items a bulk move sends in one transaction of DynamoDB's 100 actions: one action is the project item's
    /// counters, or, with heads, each item may count on a head of its own, so half go to items and half to heads.
    /// </summary>
    public int MoveBatchSize => HasHeads ? 50 : 99;

    /// <summary>Whether feedback is spread over several keys; <see langword="false"/> keeps the schema's exact keys.</summary>
    private bool IsSharded => Count > 1;

    /// <summary>A layout of <paramref name="shards"/> shards, checked: 1 to <see cref="MaxShards"/>.</summary>
    public static ShardLayout Of(int shards, string paramName)
    {
        if (shards is < 1 or > MaxShards)
        {
            throw new ArgumentOutOfRangeException(paramName, shards, $"A project has 1 to {MaxShards} feedback shards.");
        }

        return new ShardLayout(shards);
    }

    /// <summary>The layout stored on an item, where an absent count means one shard.</summary>
    public static ShardLayout Stored(string? number) =>
        number is null ? One : new ShardLayout(Math.Clamp(int.Parse(number, NumberStyles.Integer, CultureInfo.InvariantCulture), 1, MaxShards));

    /// <summary>Stores the layout on a project item or claim: nothing for one shard, which is what an absent count means.</summary>
    public void WriteTo(Dictionary<string, AttributeValue> item)
    {
        if (IsSharded)
        {
            item[A.FeedbackShards] = new() { N = Count.ToString(CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>
    /// The partition of shard <paramref name="shard"/>, in the table and in the status index: the schema's
    /// <c>PROJECT#&lt;projectId&gt;</c> for one shard, else <see cref="TapkoKeys.ShardPartition"/>.
    /// </summary>
    public string Partition(ProjectId projectId, int shard) =>
        IsSharded ? TapkoKeys.ShardPartition(projectId, shard) : TapkoKeys.FeedbackPartition(projectId);

    /// <summary>Key of a feedback item: <c>FEEDBACK#&lt;id&gt;</c> in the partition of the shard its id hashes to.</summary>
    public TapkoItemKey FeedbackKey(ProjectId projectId, FeedbackId feedbackId)
    {
        feedbackId.Require(nameof(feedbackId));
        return new(Partition(projectId, ShardOf(feedbackId)), TapkoKeys.FeedbackSortKey(feedbackId));
    }

    /// <summary>The shard of <paramref name="id"/>: 0 to K-1.</summary>
    public int ShardOf(FeedbackId id) => IsSharded ? (int)(Hash(id) % (uint)Count) : 0;

    /// <summary>The head that checks and counts <paramref name="id"/>: 0 to H-1; unsharded there is none (the project item).</summary>
    public int HeadOf(FeedbackId id) => IsSharded ? (int)(Hash(id) / (uint)Count % (uint)Heads) : 0;

    /// <summary>The item whose counters count <paramref name="id"/>: its head when sharded, else the project item.</summary>
    public TapkoItemKey CounterOf(ProjectKey project, FeedbackId id) =>
        IsSharded ? TapkoKeys.Head(project.ProjectId, HeadOf(id)) : TapkoKeys.Project(project);

    /// <summary>Every shard number, 0 to K-1.</summary>
    public IEnumerable<int> AllShards => Enumerable.Range(0, Count);

    /// <summary>Every head number, 0 to H-1 (none unsharded).</summary>
    public IEnumerable<int> AllHeads => Enumerable.Range(0, Heads);

    /// <summary>32-bit FNV-1a of the id's random part, as ASCII: fixed forever, since stored items depend on it.</summary>
    public static uint Hash(FeedbackId id)
    {
        var text = id.ToString();
        var hash = FnvOffset;
        for (var i = RandomPartStart; i < text.Length; i++)
        {
            hash = unchecked((hash ^ text[i]) * FnvPrime);
        }

        return hash;
    }
}
