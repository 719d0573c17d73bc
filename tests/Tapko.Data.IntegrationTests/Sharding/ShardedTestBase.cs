using Tapko.Data.IntegrationTests.Stores;

namespace Tapko.Data.IntegrationTests.Sharding;

/// <summary>
/// Twin projects for the sharded mode's tests: an unsharded one and a sharded one holding the same feedback (same ids,
/// messages and statuses), so every answer of the sharded project can be compared with the seed layout's.
/// </summary>
public abstract class ShardedTestBase(DynamoDbFixture fixture, string tablePrefix) : MeteredStoreTestBase(fixture, tablePrefix)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Creates a project of a new owner with <paramref name="shards"/> feedback shards.</summary>
    protected async Task<ProjectKey> NewShardedProjectAsync(int shards, UserId? owner = null, bool collecting = true)
    {
        var key = new ProjectKey(owner ?? NewOwner(), ProjectId.New());
        var created = await Projects.CreateAsync(key, "Viral", new ProjectOptions { FeedbackShards = shards, IsCollectingFeedback = collecting }, Ct);
        created.FeedbackShards.Should().Be(shards);
        return key;
    }

    /// <summary>
    /// Ids from a seeded generator on the test's clock, three per clock millisecond (so created-at ties are exercised),
    /// which makes the shards they land in, and so every page's cost, the same on every run.
    /// </summary>
    protected List<FeedbackId> DeterministicIds(int count, int seed = 17)
    {
        var random = new Random(seed);
        var ids = new List<FeedbackId>(count);
        for (var i = 0; i < count; i++)
        {
            if (i % 3 == 0)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(250));
            }

            var time = FeedbackId.New(Clock).ToString()[..10];
            ids.Add(FeedbackId.Parse(time + new string(Enumerable.Range(0, 16).Select(_ => Crockford[random.Next(32)]).ToArray())));
        }

        return ids;
    }

    /// <summary>
    /// Submits the same feedback to every project in <paramref name="projects"/>, then moves the same items (every third to
    /// in-progress, every fifth to resolved), so they hold equal data in every status.
    /// </summary>
    protected async Task<List<FeedbackId>> SubmitTwinsAsync(IReadOnlyList<ProjectKey> projects, int count, int messageBytes = 40)
    {
        var ids = DeterministicIds(count);
        foreach (var project in projects)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var message = $"feedback {i} " + new string('x', Math.Max(0, messageBytes - 12));
                await Feedback.SubmitAsync(project, new NewFeedback(message) { Id = ids[i] }, Ct);
            }

            await Feedback.MoveManyAsync(project, [.. ids.Where((_, i) => i % 3 == 1)], FeedbackStatus.InProgress, cancellationToken: Ct);
            await Feedback.MoveManyAsync(project, [.. ids.Where((_, i) => i % 5 == 2)], FeedbackStatus.Resolved, cancellationToken: Ct);
        }

        return ids;
    }

    /// <summary>What a caller sees of an item, without its project (which differs between twins).</summary>
    protected static object View(Feedback f) => (f.Id, f.Message, f.Status, f.CreatedAt, f.Payload?.GetRawText());

    /// <summary>Every item of the table whose partition belongs to <paramref name="project"/>, whatever its layout.</summary>
    protected async Task<List<string>> KeysOfAsync(ProjectKey project)
    {
        var keys = new List<string>();
        Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? start = null;
        do
        {
            var page = await Fixture.Client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Table, ExclusiveStartKey = start }, Ct);
            foreach (var item in page.Items ?? [])
            {
                var pk = item["PK"].S;
                var sk = item["SK"].S;
                if (pk == $"PROJECT#{project.ProjectId}" || pk.StartsWith($"PROJECT#{project.ProjectId}#", StringComparison.Ordinal) || sk == $"PROJECT#{project.ProjectId}")
                {
                    keys.Add($"{pk} {sk}");
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return keys;
    }
}
