using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Batch;

/// <summary>
/// Deleting a project with thousands of feedback items while DynamoDB (the injector) leaves part of each batch
/// unprocessed: everything of that project goes, nothing of any other project does — including another owner's
/// project with the same id, whose feedback shares the partition.
/// </summary>
public sealed class ProjectDeleteUnderThrottlingTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "batch")
{
    private static int Doomed => ReliabilityFixture.Soak ? 10_000 : 3_000;

    [Fact]
    public async Task Thousands_of_items_are_deleted_through_unprocessed_batches_and_nothing_else()
    {
        var (project, others) = await ArrangeAsync(Doomed);
        var before = await ItemsOfAsync(others);
        var random = new Random(20261125);
        Injector.Plan = r => r.Operation == "BatchWriteItem" && random.NextDouble() < 0.45 ? Fault.UnprocessedItems : Fault.None;
        Injector.ProcessedOfBatch = n => random.Next(n);
        var deleteRequests = 0;

        // The store retries unprocessed items with backoff up to BatchWriteMaxAttempts; if a batch still has some
        // left it fails asking to be called again, which must then finish the job.
        var deleted = 0;
        for (var call = 1; ; call++)
        {
            deleteRequests++;
            var (count, error) = await Outcomes.TryAsync(() => Projects.DeleteAsync(project, Ct));
            if (error is null)
            {
                deleted += count ?? 0;
                break;
            }

            error.Should().BeOfType<DeletionIncompleteException>().Which.Message.Should().Contain("call DeleteAsync again");
            call.Should().BeLessThan(5);
        }

        Injector.InjectedOf(Fault.UnprocessedItems).Should().BeGreaterThan(10);
        deleted.Should().Be(Doomed, "each item is counted once, whichever call deleted it");
        (await CleanProjects.GetAsync(project, Ct)).Should().BeNull();
        (await ScanAsync()).Should().NotContain(i => i["userId"].S == project.Owner.Value && i["projectId"].S == project.ProjectId.Value);
        var after = await ItemsOfAsync(others);
        after.Should().BeEquivalentTo(before, "no other project is touched");
        ReliabilityTally.Violation("other-projects-touched", before.Except(after).Count());
        ReliabilityTally.InvariantChecked("batched delete removed every item of the project", Doomed);
        ReliabilityTally.InvariantChecked("batched delete left other projects untouched", before.Count);
        ReliabilityTally.OperationChecked("delete project (thousands, unprocessed batches)", deleteRequests);
        ReliabilityTally.Add("note.unprocessed-batches-injected", Injector.InjectedOf(Fault.UnprocessedItems));
    }

    [Fact]
    public async Task A_delete_that_runs_out_of_attempts_leaves_the_project_closed_and_a_second_call_finishes()
    {
        var (project, others) = await ArrangeAsync(300);
        var before = await ItemsOfAsync(others);
        var store = new ProjectStore(NewClient(Injector), Options(o => o.BatchWriteMaxAttempts = 3));
        Injector.Plan = r => r.Operation == "BatchWriteItem" && r.OperationSequence > 2 ? Fault.UnprocessedItems : Fault.None;
        Injector.ProcessedOfBatch = _ => 0;

        var first = () => store.DeleteAsync(project, Ct);

        var stopped = (await first.Should().ThrowAsync<DeletionIncompleteException>()).Which;
        stopped.Message.Should().Contain("call DeleteAsync again");
        (stopped.Deleted, stopped.Remaining).Should().Be((50, 25), "two full batches went, the third stayed unprocessed through every attempt");
        var submit = () => CleanFeedback.SubmitAsync(project, new NewFeedback("while half deleted"), Ct);
        await submit.Should().ThrowAsync<TapkoNotFoundException>("a project being deleted accepts nothing");
        var toggle = () => CleanProjects.SetCollectingFeedbackAsync(project, true, Ct);
        await toggle.Should().ThrowAsync<TapkoNotFoundException>("a project being deleted cannot be reopened");

        Injector.Plan = null;
        var rest = await store.DeleteAsync(project, Ct);

        rest.Should().Be(300 - 50, "the first call deleted two full batches");
        (await ScanAsync()).Should().NotContain(i => i["userId"].S == project.Owner.Value && i["projectId"].S == project.ProjectId.Value);
        (await ItemsOfAsync(others)).Should().BeEquivalentTo(before);
        ReliabilityTally.InvariantChecked("interrupted delete is closed, resumable, complete", 3);
        ReliabilityTally.OperationChecked("delete project (interrupted, resumed)", 2);
    }

    /// <summary>The doomed project, and three others: same owner, and two other owners.</summary>
    private async Task<(ProjectKey Project, ProjectKey[] Others)> ArrangeAsync(int doomed)
    {
        var owner = NewOwner("alice");
        var project = await NewProjectAsync(owner);
        var others = new[]
        {
            await NewProjectAsync(owner),
            await NewProjectAsync(NewOwner("bob")),
            await NewProjectAsync(NewOwner("carol")),
        };

        // Seeded through the store (read-then-write mode is the faster path; the items are the same).
        var seeder = new FeedbackStore(Fixture.Client, Options(o => o.SubmitMode = SubmitMode.ReadThenWrite));
        await Parallel.ForEachAsync(
            Enumerable.Range(0, doomed).Select(i => (project, i)).Concat(others.SelectMany(o => Enumerable.Range(0, 40).Select(i => (o, i)))),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (work, ct) => await seeder.SubmitAsync(work.Item1, new NewFeedback($"item {work.Item2}"), ct));
        return (project, others);
    }

    private async Task<List<string>> ItemsOfAsync(ProjectKey[] projects) =>
        (await ScanAsync())
            .Where(i => projects.Any(p => i["userId"].S == p.Owner.Value && i["projectId"].S == p.ProjectId.Value))
            .Select(Render)
            .ToList();

    private static string Render(Dictionary<string, AttributeValue> item) =>
        string.Join("|", item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.S ?? p.Value.N ?? p.Value.BOOL?.ToString()}"));
}
