using System.Globalization;

namespace Tapko.Data.Requests;

/// <summary>
/// The one write the projector makes per project and batch (<see cref="StatusCountsMode.Streamed"/>): an
/// <c>UpdateItem</c> of the project's claim that adds the batch's deltas and advances the stream positions of the
/// partitions it read, on the condition that the claim is still this life of the id and that the positions are where
/// the batch starts, so a delivery applied before is refused instead of counted twice. Pure: unit-tested.
/// </summary>
internal static class CountsRequests
{
    /// <summary>
    /// The update for <paramref name="delta"/>. With <paramref name="stored"/> <see langword="null"/> each partition's
    /// position must be before the delta's first record (the usual case); otherwise exactly the stored ones (a retry that
    /// learned them from a refused attempt). <paramref name="initialize"/> writes the position and expiry maps whole,
    /// for a claim created before they existed. Zero expiry entries in <paramref name="removeExpiring"/> are dropped.
    /// </summary>
    public static UpdateItemRequest Apply(
        string table, CountsDelta delta, IReadOnlyDictionary<string, string>? stored, IEnumerable<string> removeExpiring, bool initialize)
    {
        var names = new Dictionary<string, string> { ["#inc"] = A.Incarnation, ["#pos"] = A.FeedPositions, ["#exp"] = A.Expiring, ["#at"] = A.CountedAt };
        var values = new Dictionary<string, AttributeValue>
        {
            [":inc"] = new() { S = delta.Incarnation },
            [":at"] = new() { S = Timestamps.Format(delta.LastChangeAt) },
        };
        var adds = new List<string>();
        var sets = new List<string> { "#at = :at" };
        var removes = new List<string>();
        var conditions = new List<string> { "#inc = :inc", initialize ? "attribute_not_exists(#pos)" : "attribute_exists(#pos) AND attribute_exists(#exp)" };

        foreach (var (status, change) in delta.Counts.Where(c => c.Value != 0).OrderBy(c => c.Key))
        {
            var i = adds.Count;
            names[$"#c{i}"] = StatusCounters.AttributeOf(status);
            values[$":c{i}"] = Number(change);
            adds.Add($"#c{i} :c{i}");
        }

        var expiring = delta.Expiring.Where(e => e.Value != 0).ToList();
        if (initialize)
        {
            values[":posMap"] = new() { M = delta.Positions.ToDictionary(p => p.Key, p => new AttributeValue { S = p.Value.Last }) };
            values[":expMap"] = new() { M = expiring.ToDictionary(e => e.Key, e => Number(e.Value)) };
            sets.Add("#pos = :posMap");
            sets.Add("#exp = :expMap");
        }
        else
        {
            var p = 0;
            foreach (var (key, (first, last)) in delta.Positions)
            {
                names[$"#p{p}"] = key;
                values[$":p{p}"] = new() { S = last };
                sets.Add($"#pos.#p{p} = :p{p}");
                if (stored is null)
                {
                    values[$":f{p}"] = new() { S = first };
                    conditions.Add($"(attribute_not_exists(#pos.#p{p}) OR #pos.#p{p} < :f{p})");
                }
                else if (stored.TryGetValue(key, out var at))
                {
                    values[$":s{p}"] = new() { S = at };
                    conditions.Add($"#pos.#p{p} = :s{p}");
                }
                else
                {
                    conditions.Add($"attribute_not_exists(#pos.#p{p})");
                }

                p++;
            }

            for (var e = 0; e < expiring.Count; e++)
            {
                names[$"#e{e}"] = expiring[e].Key;
                values[$":e{e}"] = Number(expiring[e].Value);
                sets.Add($"#exp.#e{e} = if_not_exists(#exp.#e{e}, :zero) + :e{e}");
            }

            if (expiring.Count > 0)
            {
                values[":zero"] = Number(0);
            }

            var r = 0;
            foreach (var key in removeExpiring.Where(k => !delta.Expiring.ContainsKey(k)))
            {
                names[$"#r{r}"] = key;
                removes.Add($"#exp.#r{r++}");
            }
        }

        return new UpdateItemRequest
        {
            TableName = table,
            Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(delta.Project.ProjectId)),
            UpdateExpression = string.Join(
                " ",
                new[] { Clause("SET", sets), Clause("ADD", adds), Clause("REMOVE", removes) }.Where(c => c.Length > 0)),
            ConditionExpression = string.Join(" AND ", conditions),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            // The claim as it now is tells which expiry entries have emptied; as it was, why a condition failed.
            ReturnValues = ReturnValue.ALL_NEW,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
        };
    }

    /// <summary>The positions a claim holds, by partition key.</summary>
    public static Dictionary<string, string> Positions(Dictionary<string, AttributeValue> claim) =>
        (claim.GetValueOrDefault(A.FeedPositions)?.M ?? []).Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S, StringComparer.Ordinal);

    /// <summary>Expiry entries of <paramref name="claim"/> that are zero and past: nothing can enter them any more.</summary>
    public static List<string> SpentExpiring(Dictionary<string, AttributeValue> claim, DateTimeOffset now) =>
        [.. (claim.GetValueOrDefault(A.Expiring)?.M ?? [])
            .Where(e => e.Value.N == "0" && StreamedCounts.TryParseExpiring(e.Key, out _, out var at) && at <= now)
            .Select(e => e.Key)];

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string Clause(string keyword, List<string> parts) => parts.Count == 0 ? string.Empty : keyword + " " + string.Join(", ", parts);
}
