using Tapko.Data.Benchmarks.Designs;
using R = Tapko.Data.Benchmarks.Capacity.CapacityRules;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// What each pattern should cost in each design, from the sizes of the items its requests touch and
/// <see cref="CapacityRules"/>. It mirrors the requests the designs send, one line per request.
/// </summary>
public static class CostModel
{
    /// <summary>
    /// A project. The library first queries the id's empty partition (one eventually consistent read, which is how it
    /// finds a taken id or an earlier life's leftovers), then puts the project and its claim in one transaction, each
    /// billed twice. The baselines put the project alone.
    /// </summary>
    public static Units CreateProject(int projectBytes, IReadOnlyList<int> companionBytes)
    {
        if (companionBytes.Count == 0)
        {
            return Units.TableWrites(R.Write(projectBytes));
        }

        var transaction = companionBytes.Select(b => R.TransactionalWrite(b)).Append(R.TransactionalWrite(projectBytes)).ToList();
        return (Units.TableReads(R.Read(0)) + Units.TableWrites(transaction.Sum()))
            .WithLocalShortfall(new(LocalDefects.EmptyQueryShortfall, LocalDefects.TransactionShortfall(transaction), 0));
    }

    public static Units SetCollecting(int oldBytes, int newBytes) => Units.TableWrites(R.Write(Math.Max(oldBytes, newBytes)));

    /// <summary>
    /// TransactWriteItems: a ConditionCheck on the project and a Put of the feedback, each billed twice. A submit
    /// addressed by project id alone changes what the ConditionCheck reads (the claim item rather than the project);
    /// this is the one line to change for it.
    /// </summary>
    public static Units Submit(DesignKind design, int projectBytes, int feedbackBytes) =>
        Units.TableWrites(R.TransactionalWrite(projectBytes) + R.TransactionalWrite(feedbackBytes))
        + (design == DesignKind.MultiTableScan ? default : Units.IndexWrites(R.TransactionalWrite(feedbackBytes)));

    public static Units Get(SizedItem item) => Units.TableReads(R.Read(item.Bytes)).WithFloors(R.Read(item.Bytes), R.Read(item.NeutralBytes));

    /// <summary>A page of the project's newest items; <paramref name="page"/> are the items it returns.</summary>
    public static Units List(DesignKind design, IReadOnlyList<SizedItem> page, long feedbackTableBytes)
    {
        var floor = R.Read(page.Sum(i => i.Bytes));
        var units = design switch
        {
            DesignKind.Tapko => Units.TableReads(floor),
            DesignKind.MultiTableGsi => Units.IndexReads(floor),
            _ => Units.FullScan(feedbackTableBytes),
        };
        return units.WithFloors(floor, R.Read(page.Sum(i => i.NeutralBytes)));
    }

    /// <summary>
    /// A page of one status. <paramref name="newestFirst"/> is the project's items newest first, each marked with
    /// whether it has the status; <paramref name="pageSize"/> of the matching ones make the page.
    /// </summary>
    public static Units ListByStatus(DesignKind design, IReadOnlyList<SizedItem> newestFirst, int pageSize, long feedbackTableBytes)
    {
        var page = newestFirst.Where(i => i.Matches).Take(pageSize).ToList();
        var floor = R.Read(page.Sum(i => i.Bytes));
        var neutral = R.Read(page.Sum(i => i.NeutralBytes));
        switch (design)
        {
            case DesignKind.Tapko:
                return Units.IndexReads(floor).WithFloors(floor, neutral);
            case DesignKind.MultiTableScan:
                return Units.FullScan(feedbackTableBytes).WithFloors(floor, neutral);
        }

        // The GSI baseline reads pageSize index entries per request, whatever their status, until the page is full.
        // A full chunk comes back with a LastEvaluatedKey even at the partition's end, so one more (empty) request follows.
        var read = 0.0;
        var found = 0;
        for (var start = 0; ; start += pageSize)
        {
            var chunk = newestFirst.Skip(start).Take(pageSize).ToList();
            read += R.Read(chunk.Sum(i => i.Bytes));
            found += chunk.Count(i => i.Matches);
            if (found >= pageSize || chunk.Count < pageSize)
            {
                break;
            }
        }

        return Units.IndexReads(read).WithFloors(floor, neutral);
    }

    /// <summary>
    /// Per-status counts of one project as a dashboard has to get them without counter items: every
    /// feedback of the project read once, the status kept and the rest dropped by a projection, which does not lower
    /// the bill. The single table and the GSI baseline read the project's partition of their index (one Query per
    /// status on GSI1 in the single table, one Query of ByProject in the baseline: the same bytes); the Scan baseline
    /// reads the whole table. Rules only: no design measured here offers the call.
    /// </summary>
    /// <param name="bytesByStatus">The summed sizes of the project's items of each status, as the design stores them.</param>
    public static double CountsRead(DesignKind design, IReadOnlyCollection<long> bytesByStatus, long feedbackTableBytes) => design switch
    {
        DesignKind.Tapko => bytesByStatus.Sum(b => R.Read(b)),
        DesignKind.MultiTableGsi => R.Read(bytesByStatus.Sum()),
        _ => R.ScanLowerBound(feedbackTableBytes),
    };

    /// <summary>
    /// Status change. The library's index key contains the status, so the index entry is deleted and put again; the
    /// GSI baseline's index key does not, so its entry is updated in place (one write); the Scan baseline has no index.
    /// </summary>
    public static Units UpdateStatus(DesignKind design, int oldBytes, int newBytes) =>
        Units.TableWrites(R.Write(Math.Max(oldBytes, newBytes))) + design switch
        {
            DesignKind.Tapko => Units.IndexWrites(R.Write(oldBytes) + R.Write(newBytes)),
            DesignKind.MultiTableGsi => Units.IndexWrites(R.Write(newBytes)),
            _ => default,
        };

    /// <summary>
    /// Project deletion with its feedback. The library marks the project (UpdateItem), queries the partition's keys
    /// with a strongly consistent read (so a submission acknowledged just before the mark is not left behind), deletes
    /// them in batches and then the project and its claim in one transaction (each billed twice). The baselines delete the project and find the keys by index Query (an
    /// index offers only eventually consistent reads) or by an eventually consistent Scan.
    /// </summary>
    public static Units DeleteProject(DesignKind design, int projectBytes, int markedProjectBytes, IReadOnlyList<int> companionBytes, IReadOnlyList<int> feedbackBytes, long feedbackTableBytes)
    {
        var deletes = feedbackBytes.Sum(b => R.Write(b));
        return design switch
        {
            DesignKind.Tapko =>
                Units.TableWrites(R.Write(Math.Max(projectBytes, markedProjectBytes)))
                + Units.TableReads(R.Read(feedbackBytes.Sum(), consistent: true))
                + Units.TableWrites(deletes) + Units.IndexWrites(deletes)
                + FinalDelete(markedProjectBytes, companionBytes),
            DesignKind.MultiTableGsi =>
                Units.TableWrites(R.Write(projectBytes))
                + Units.IndexReads(R.Read(feedbackBytes.Sum()))
                + Units.TableWrites(deletes) + Units.IndexWrites(deletes),
            _ =>
                Units.TableWrites(R.Write(projectBytes))
                + Units.FullScan(feedbackTableBytes)
                + Units.TableWrites(deletes),
        };
    }

    /// <summary>The project and its claim removed together, last: one transaction.</summary>
    private static Units FinalDelete(int markedProjectBytes, IReadOnlyList<int> companionBytes)
    {
        var transaction = companionBytes.Select(b => R.TransactionalWrite(b)).Append(R.TransactionalWrite(markedProjectBytes)).ToList();
        return Units.TableWrites(transaction.Sum()).WithLocalShortfall(new(0, LocalDefects.TransactionShortfall(transaction), 0));
    }
}
