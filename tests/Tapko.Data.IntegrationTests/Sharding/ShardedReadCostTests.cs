using System.Globalization;
using System.Text;

namespace Tapko.Data.IntegrationTests.Sharding;

/// <summary>
/// What each read pattern costs on a project of 1, 4 and 16 shards holding the same 200 feedback items of about 1.5 KB
/// (the load test's size), as DynamoDB Local reports it: docs/scale.md's read-cost table is this test's output.
/// </summary>
public sealed class ShardedReadCostTests(DynamoDbFixture fixture) : ShardedTestBase(fixture, "shardcost")
{
    private static readonly int[] Layouts = [1, 4, 16];

    [Fact]
    public async Task Read_costs_per_pattern_for_1_4_and_16_shards()
    {
        var owner = NewOwner();
        var projects = new List<ProjectKey>();
        foreach (var shards in Layouts)
        {
            projects.Add(await NewShardedProjectAsync(shards, owner));
        }

        // Items of about 1.9 KB (the message, its 120-character preview for the status index, keys and bookkeeping):
        // two fit a 4 KB read unit, as they did before the preview was stored.
        var ids = await SubmitTwinsAsync(projects, 200, messageBytes: 1_380);
        var costs = new Dictionary<string, double[]>();
        void Add(string pattern, int column, double units)
        {
            costs.TryAdd(pattern, new double[Layouts.Length]);
            costs[pattern][column] = units;
        }

        for (var k = 0; k < Layouts.Length; k++)
        {
            var project = projects[k];
            foreach (var size in new[] { 20, 50, 100 })
            {
                var first = await MeasureAsync(() => Feedback.ListAsync(project, new FeedbackQuery { PageSize = size }, Ct));
                Add($"list page 1 ({size} items, newest first)", k, first.Units);
                var second = await MeasureAsync(() => Feedback.ListAsync(project, new FeedbackQuery { PageSize = size, ContinuationToken = first.Page.ContinuationToken }, Ct));
                Add($"list page 2 ({size} items, newest first)", k, second.Units);
                var oldest = await MeasureAsync(() => Feedback.ListAsync(project, new FeedbackQuery { PageSize = size, Order = SortOrder.OldestFirst }, Ct));
                Add($"list page 1 ({size} items, oldest first)", k, oldest.Units);
                var open = await MeasureAsync(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { PageSize = size }, Ct));
                Add($"open page 1 ({size} items, GSI1)", k, open.Units);
                var open2 = await MeasureAsync(() => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { PageSize = size, ContinuationToken = open.Page.ContinuationToken }, Ct));
                Add($"open page 2 ({size} items, GSI1)", k, open2.Units);
                var rows = await MeasureAsync(() => Feedback.ListRowsByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { PageSize = size }, Ct));
                Add($"open rows page 1 ({size} rows, GSI1)", k, rows.Units);
            }

            Add("get by id", k, (await MeasureAsync(() => Feedback.GetAsync(project, ids[7], Ct))).Units);
            // Streamed counts sit on the claim, whatever K: the first read (which also reads the projector's heartbeat) warms up.
            await CountsAsync(project);
            Add("status counts", k, (await MeasureAsync(() => Feedback.GetStatusCountsAsync(project, Ct))).Units);
        }

        var table = new StringBuilder("| read (200 items of ~1.9 KB, eventually consistent) | K = 1 | K = 4 | K = 16 | K = 4 / K = 1 | K = 16 / K = 1 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var (pattern, units) in costs)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {pattern} | {units[0]:0.#} | {units[1]:0.#} | {units[2]:0.#} | {units[1] / units[0]:0.00} | {units[2] / units[0]:0.00} |\n");
        }

        TestContext.Current.TestOutputHelper!.WriteLine(table.ToString());
        var report = Environment.GetEnvironmentVariable("TAPKO_READ_COST_REPORT");
        if (!string.IsNullOrEmpty(report))
        {
            await File.WriteAllTextAsync(report, table.ToString(), Ct);
        }

        // A by-id read is one item wherever it lives; the counts are one small item for every K.
        costs["get by id"].Should().OnlyContain(u => u == costs["get by id"][0]);
        costs["status counts"].Should().OnlyContain(u => u == 0.5);

        // Pages: the data read is the same; each shard's Query is rounded up to 4 KB on its own, so a merged page costs
        // at most one block more per Query it sends (every shard once, plus the few a dry shard needs).
        foreach (var (pattern, units) in costs.Where(c => c.Key.Contains("page", StringComparison.Ordinal)))
        {
            units[1].Should().BeLessThanOrEqualTo(units[0] + (0.5 * 4 * 2), pattern);
            units[2].Should().BeLessThanOrEqualTo(units[0] + (0.5 * 16 * 2), pattern);
        }
    }

    private async Task<(T Page, double Units)> MeasureAsync<T>(Func<Task<T>> call)
    {
        Recorder.Clear();
        var result = await call();
        return (result, Recorder.Read() + Recorder.Read(Gsi1));
    }
}
