using R = Tapko.Data.Benchmarks.Capacity.CapacityRules;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// What the single table's own patterns cost by DynamoDB's rules, the ones the baselines do not offer: status moves and
/// deletes that keep the project's status counters, their uncounted forms (<c>StatusCounts = None</c>), the counts read,
/// the widget's submit and bulk moves. One line per request the library sends, like <see cref="CostModel"/>.
/// Project sizes are (before, after): a counted write changes the counters on the project item.
/// </summary>
public static class CountedCostModel
{
    /// <summary>
    /// A counted move: one transaction updating the feedback and the project's counters (each billed twice; the index
    /// entry is deleted and put again, both billed twice inside a transaction), then the feedback read back strongly
    /// consistently, since a transaction returns no item.
    /// </summary>
    public static Units CountedMove(int oldBytes, int newBytes, (int Before, int After) project)
    {
        var feedback = R.TransactionalWrite(Math.Max(oldBytes, newBytes));
        var counters = R.TransactionalWrite(Math.Max(project.Before, project.After));
        return (Units.TableWrites(feedback + counters) + Units.IndexWrites(R.TransactionalWrite(oldBytes) + R.TransactionalWrite(newBytes))
            + Units.TableReads(R.Read(newBytes, consistent: true)))
            .WithLocalShortfall(new(0, LocalDefects.TransactionShortfall([feedback, counters]), 0));
    }

    /// <summary>An uncounted move: one UpdateItem; the index entry is deleted and put again.</summary>
    public static Units UncountedMove(int oldBytes, int newBytes) =>
        Units.TableWrites(R.Write(Math.Max(oldBytes, newBytes))) + Units.IndexWrites(R.Write(oldBytes) + R.Write(newBytes));

    /// <summary>A counted feedback delete: one transaction deleting the feedback and updating the counters.</summary>
    public static Units CountedDelete(int feedbackBytes, (int Before, int After) project)
    {
        var feedback = R.TransactionalWrite(feedbackBytes);
        var counters = R.TransactionalWrite(Math.Max(project.Before, project.After));
        return (Units.TableWrites(feedback + counters) + Units.IndexWrites(R.TransactionalWrite(feedbackBytes)))
            .WithLocalShortfall(new(0, LocalDefects.TransactionShortfall([feedback, counters]), 0));
    }

    /// <summary>An uncounted feedback delete: one DeleteItem, and its index entry.</summary>
    public static Units UncountedDelete(int feedbackBytes) =>
        Units.TableWrites(R.Write(feedbackBytes)) + Units.IndexWrites(R.Write(feedbackBytes));

    /// <summary>The counts: one eventually consistent GetItem of the project item, whatever the number of feedback.</summary>
    public static Units Counts(int projectBytes) => Units.TableReads(R.Read(projectBytes));

    /// <summary>
    /// The widget's submit: the owner's submit, plus one strongly consistent read of the claim when the owner of the
    /// project id is not cached.
    /// </summary>
    public static Units WidgetSubmit(int projectBytes, int feedbackBytes, int? claimBytesRead) =>
        CostModel.Submit(Designs.DesignKind.Tapko, projectBytes, feedbackBytes)
        + (claimBytesRead is { } claim ? Units.TableReads(R.Read(claim, consistent: true)) : default);

    /// <summary>
    /// A submit in <c>ReadThenWrite</c> mode without counters: a strongly consistent read of the project item, then a
    /// conditional PutItem of the feedback and its index entry.
    /// </summary>
    public static Units ReadThenWriteSubmit(int projectBytes, int feedbackBytes) =>
        Units.TableReads(R.Read(projectBytes, consistent: true)) + Units.TableWrites(R.Write(feedbackBytes)) + Units.IndexWrites(R.Write(feedbackBytes));

    /// <summary>
    /// A counted bulk move of items all in the expected status: one transaction per 99 items updating them and the
    /// counters once.
    /// </summary>
    public static Units CountedBulkMove(IReadOnlyList<(int Old, int New)> items, (int Before, int After) project, int itemsPerTransaction)
    {
        var total = default(Units);
        foreach (var chunk in items.Chunk(itemsPerTransaction))
        {
            var table = chunk.Select(i => R.TransactionalWrite(Math.Max(i.Old, i.New))).Append(R.TransactionalWrite(Math.Max(project.Before, project.After))).ToList();
            var index = chunk.Select(i => R.TransactionalWrite(i.Old) + R.TransactionalWrite(i.New)).ToList();
            total += (Units.TableWrites(table.Sum()) + Units.IndexWrites(index.Sum()))
                .WithLocalShortfall(new(0, LocalDefects.TransactionShortfall(table), LocalDefects.TransactionShortfall(index)));
        }

        return total;
    }

    /// <summary>An uncounted bulk move: one UpdateItem per item.</summary>
    public static Units UncountedBulkMove(IReadOnlyList<(int Old, int New)> items) =>
        items.Aggregate(default(Units), (sum, i) => sum + UncountedMove(i.Old, i.New));
}
