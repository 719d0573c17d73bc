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
    public static Units CreateProject(int projectBytes, IReadOnlyList<int> companionBytes) =>
        companionBytes.Count == 0
            ? Units.TableWrites(R.Write(projectBytes))
            : Units.TableReads(R.Read(0)) + Units.TableWrites(R.TransactionalWrite(projectBytes) + companionBytes.Sum(b => R.TransactionalWrite(b)));

    public static Units SetCollecting(int oldBytes, int newBytes) => Units.TableWrites(R.Write(Math.Max(oldBytes, newBytes)));

    /// <summary>TransactWriteItems: a ConditionCheck on the project and a Put of the feedback, each billed twice.</summary>
    public static Units Submit(DesignKind design, int projectBytes, int feedbackBytes) =>
        Units.TableWrites(R.TransactionalWrite(projectBytes) + R.TransactionalWrite(feedbackBytes))
        + (design == DesignKind.MultiTableScan ? default : Units.IndexWrites(R.TransactionalWrite(feedbackBytes)));

    public static Units Get(int feedbackBytes) => Units.TableReads(R.Read(feedbackBytes)).WithMinimum(R.Read(feedbackBytes));

    /// <summary>A page of the project's newest items; <paramref name="pageBytes"/> are the sizes of the items it returns.</summary>
    public static Units List(DesignKind design, IReadOnlyList<int> pageBytes, long feedbackTableBytes)
    {
        var minimum = R.Read(pageBytes.Sum());
        var units = design switch
        {
            DesignKind.Tapko => Units.TableReads(minimum),
            DesignKind.MultiTableGsi => Units.IndexReads(minimum),
            _ => Units.FullScan(feedbackTableBytes),
        };
        return units.WithMinimum(minimum);
    }

    /// <summary>
    /// A page of one status. <paramref name="newestFirst"/> is the project's items newest first, as (bytes, has the
    /// status); <paramref name="pageSize"/> of the matching ones make the page.
    /// </summary>
    public static Units ListByStatus(DesignKind design, IReadOnlyList<(int Bytes, bool Matches)> newestFirst, int pageSize, long feedbackTableBytes)
    {
        var page = newestFirst.Where(i => i.Matches).Take(pageSize).Select(i => i.Bytes).ToList();
        var minimum = R.Read(page.Sum());
        switch (design)
        {
            case DesignKind.Tapko:
                return Units.IndexReads(minimum).WithMinimum(minimum);
            case DesignKind.MultiTableScan:
                return Units.FullScan(feedbackTableBytes).WithMinimum(minimum);
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

        return Units.IndexReads(read).WithMinimum(minimum);
    }

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
                + Units.TableWrites(R.TransactionalWrite(markedProjectBytes) + companionBytes.Sum(b => R.TransactionalWrite(b))),
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
}
