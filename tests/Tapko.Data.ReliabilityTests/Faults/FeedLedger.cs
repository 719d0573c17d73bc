using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>A stream record of a feedback item, read from the raw record as a test sees it.</summary>
/// <param name="Sequence">The padded sequence number (<see cref="TappedRecord.Pad"/>).</param>
/// <param name="ProjectId">The project id.</param>
/// <param name="Incarnation">The life of the project id the item belongs to.</param>
/// <param name="Partition">The feedback partition as the claim's positions name it: <c>00</c> unsharded, else the shard number.</param>
/// <param name="ChangesCounts">Whether the record moves a count: a creation, a removal, or a status change.</param>
internal sealed record FeedRecord(string Sequence, string ProjectId, string Incarnation, string Partition, bool ChangesCounts)
{
    public static FeedRecord? Of(TappedRecord record)
    {
        var data = record.Json["dynamodb"]!;
        var old = data["OldImage"]?.AsObject();
        var @new = data["NewImage"]?.AsObject();
        var image = @new ?? old;
        if (S(image, "type") != "feedback" || S(image, "projectId") is not { } projectId || S(image, "incarnation") is not { } incarnation || S(image, "PK") is not { } pk)
        {
            return null;
        }

        var partition = pk == $"PROJECT#{projectId}" ? "00" : pk[^2..];
        return new FeedRecord(record.Sequence, projectId, incarnation, partition, S(old, "status") != S(@new, "status"));
    }

    private static string? S(JsonObject? image, string name) => image?[name]?["S"]?.GetValue<string>();
}

/// <summary>A project's claim as stored: its life and the stream positions its counts are applied up to.</summary>
internal sealed record ClaimState(string Incarnation, IReadOnlyDictionary<string, string> Positions)
{
    /// <summary>Whether <paramref name="record"/> is of this life and at or before its partition's position: applied already.</summary>
    public bool Covers(FeedRecord record) =>
        record.Incarnation == Incarnation && Positions.TryGetValue(record.Partition, out var at) && string.CompareOrdinal(record.Sequence, at) <= 0;
}

/// <summary>
/// What a run's projector did, as the test can tell it apart: records delivered again after they were applied, claim
/// writes DynamoDB refused because their records were applied before (or their life is over), crashes, partial batches.
/// </summary>
internal sealed class FeedLedger(IAmazonDynamoDB clean, string table)
{
    private int countsWrites;
    private int refusedAsApplied;
    private int refusedLifeOver;

    /// <summary>Feedback records delivered to the projector again after they were applied (a lower bound for the hosted reader).</summary>
    public int Redelivered { get; set; }

    /// <summary>Deliveries that held only records applied before, after which every count was found unchanged.</summary>
    public int PureDuplicates { get; set; }

    public int Crashes { get; set; }

    /// <summary>Crashes between applying a batch's counts and checkpointing it.</summary>
    public int CrashesBeforeCheckpoint { get; set; }

    /// <summary>Batches in which one project's counts write failed on every attempt and the rest went on; retried from it.</summary>
    public int PartialBatches { get; set; }

    /// <summary>Restarts from a checkpoint set back behind records applied (or deleted: from the stream's start).</summary>
    public int Rewinds { get; set; }

    public int ColdStarts { get; set; }

    public int Invocations { get; set; }

    public int CountsWrites => Volatile.Read(ref countsWrites);

    /// <summary>Claim writes refused by the position condition: their records were applied before, wholly or partly.</summary>
    public int RefusedAsApplied => Volatile.Read(ref refusedAsApplied);

    /// <summary>Claim writes refused because the claim is gone or of a later life.</summary>
    public int RefusedLifeOver => Volatile.Read(ref refusedLifeOver);

    /// <summary>An <see cref="FaultInjector.Observe"/> for the projector's client: tells the answers to its counts writes apart.</summary>
    public void Observe(RequestInfo info, HttpStatusCode status, string answer)
    {
        if (info.Operation != "UpdateItem" || info.Body is null || !info.Body.Contains("\":inc\"", StringComparison.Ordinal))
        {
            return;
        }

        if (status == HttpStatusCode.OK)
        {
            Interlocked.Increment(ref countsWrites);
            return;
        }

        if (!answer.Contains("ConditionalCheckFailed", StringComparison.Ordinal))
        {
            return;
        }

        var life = JsonNode.Parse(info.Body)!["ExpressionAttributeValues"]![":inc"]!["S"]!.GetValue<string>();
        var stored = JsonNode.Parse(answer)!["Item"]?["incarnation"]?["S"]?.GetValue<string>();
        if (stored == life)
        {
            Interlocked.Increment(ref refusedAsApplied);
        }
        else
        {
            Interlocked.Increment(ref refusedLifeOver);
        }
    }

    /// <summary>The claims of <paramref name="projectIds"/> as stored now (strongly consistent); a missing one is left out.</summary>
    public async Task<Dictionary<string, ClaimState>> ClaimsAsync(IEnumerable<string> projectIds, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, ClaimState>(StringComparer.Ordinal);
        foreach (var id in projectIds.Distinct())
        {
            var item = (await clean.GetItemAsync(
                new GetItemRequest { TableName = table, Key = new() { ["PK"] = new() { S = $"PROJECT#{id}" }, ["SK"] = new() { S = "CLAIM" } }, ConsistentRead = true },
                cancellationToken)).Item;
            if (item is { Count: > 0 })
            {
                var positions = (item.GetValueOrDefault("feedPos")?.M ?? []).Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S, StringComparer.Ordinal);
                claims[id] = new ClaimState(item["incarnation"].S, positions);
            }
        }

        return claims;
    }

    /// <summary>Of <paramref name="records"/>, the feedback records already applied according to the claims as stored now.</summary>
    public async Task<List<FeedRecord>> AppliedAsync(IEnumerable<TappedRecord> records, CancellationToken cancellationToken)
    {
        var feed = records.Select(FeedRecord.Of).OfType<FeedRecord>().ToList();
        var claims = await ClaimsAsync(feed.Select(f => f.ProjectId), cancellationToken);
        return [.. feed.Where(f => claims.TryGetValue(f.ProjectId, out var claim) && claim.Covers(f))];
    }
}
