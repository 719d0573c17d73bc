namespace Tapko.Data.IntegrationTests.Sharding;

/// <summary>
/// A sharded project's pages are the unsharded project's pages: same items, same order, same page boundaries, in both
/// orders, on the table and by status, with created-at ranges, following one continuation token; and each page costs
/// at most one rounding of a Query per shard more.
/// </summary>
public sealed class ShardedPagingTests(DynamoDbFixture fixture) : ShardedTestBase(fixture, "shardpages")
{
    /// <summary>No streamed counts or events here: the table goes without the stream, which DynamoDB Local writes slowly.</summary>
    protected override bool ChangeFeed => false;

    public static TheoryData<int, SortOrder> Layouts => new()
    {
        { 4, SortOrder.NewestFirst },
        { 4, SortOrder.OldestFirst },
        { 16, SortOrder.NewestFirst },
        { 16, SortOrder.OldestFirst },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_page_equals_the_unsharded_page_of_the_same_data(int shards, SortOrder order)
    {
        var owner = NewOwner();
        var plain = await NewProjectAsync(owner);
        var sharded = await NewShardedProjectAsync(shards, owner);
        var ids = await SubmitTwinsAsync([plain, sharded], 61);
        var middle = ids[20].CreatedAt;
        var late = ids[45].CreatedAt;

        foreach (FeedbackStatus? status in new FeedbackStatus?[] { null, FeedbackStatus.Open, FeedbackStatus.InProgress, FeedbackStatus.Resolved })
        {
            foreach (var (from, to) in new (DateTimeOffset?, DateTimeOffset?)[] { (null, null), (middle, null), (null, middle), (middle, late) })
            {
                foreach (var size in new[] { 1, 7, 50 })
                {
                    var query = new FeedbackQuery { Order = order, PageSize = size, CreatedFrom = from, CreatedTo = to };
                    var expected = await PagesAsync(plain, status, query);
                    var actual = await PagesAsync(sharded, status, query, $"status {status}, {from}..{to}, {size}");
                    var what = $"status {status?.ToString() ?? "any"}, {from}..{to}, pages of {size}, {order}";

                    // Either may end with an empty page (a full last page cannot tell that nothing follows); no other page is empty.
                    var full = actual.Where(p => p.Items.Count > 0).ToList();
                    var plainFull = expected.Where(p => p.Items.Count > 0).ToList();
                    actual.SkipLast(1).Where(p => p.Items.Count == 0).Should().BeEmpty(what);
                    full.Select(p => p.Items.Count).Should().Equal(plainFull.Select(p => p.Items.Count), what);
                    var merged = full.SelectMany(p => p.Items).ToList();
                    var plainItems = plainFull.SelectMany(p => p.Items).ToList();
                    if (status is null)
                    {
                        full.Zip(plainFull).Should().OnlyContain(p => p.First.Items.SequenceEqual(p.Second.Items), what);
                    }
                    else
                    {
                        // DynamoDB orders items of one status created in the same millisecond as it likes (see StatusIndex):
                        // the same items, in the same order of time; only such ties may swap.
                        merged.Select(f => f.CreatedAt).Should().Equal(plainItems.Select(f => f.CreatedAt), what);
                        merged.Should().BeEquivalentTo(plainItems, what);
                    }

                    merged.Select(f => f.Id).Should().OnlyHaveUniqueItems(what);

                    // These items are small (every shard's Query fits in one 4 KB block), so a merged page costs at most
                    // the unsharded page plus one block for each Query it sent: never K full pages.
                    full.Zip(plainFull).Should().OnlyContain(p => p.First.Units <= p.Second.Units + (0.5 * p.First.Queries), what);
                    full.Should().OnlyContain(p => p.Queries <= 3 * shards, what);
                }
            }
        }
    }

    [Fact]
    public async Task A_token_of_a_sharded_page_is_bound_to_its_query_and_owner()
    {
        var project = await NewShardedProjectAsync(4);
        await SubmitTwinsAsync([project], 10);
        var page = await Feedback.ListAsync(project, new FeedbackQuery { PageSize = 3 }, Ct);
        page.ContinuationToken.Should().NotBeNull();

        var other = () => Feedback.ListByStatusAsync(project, FeedbackStatus.Open, new FeedbackQuery { PageSize = 3, ContinuationToken = page.ContinuationToken }, Ct);
        await other.Should().ThrowAsync<InvalidContinuationTokenException>();
        var reordered = () => Feedback.ListAsync(project, new FeedbackQuery { PageSize = 3, Order = SortOrder.OldestFirst, ContinuationToken = page.ContinuationToken }, Ct);
        await reordered.Should().ThrowAsync<InvalidContinuationTokenException>();
        var stranger = () => Feedback.ListAsync(new ProjectKey(NewOwner(), project.ProjectId), new FeedbackQuery { PageSize = 3, ContinuationToken = page.ContinuationToken }, Ct);
        await stranger.Should().ThrowAsync<InvalidContinuationTokenException>();
    }

    private async Task<List<PageCost>> PagesAsync(ProjectKey project, FeedbackStatus? status, FeedbackQuery query, string what = "")
    {
        var pages = new List<PageCost>();
        string? token = null;
        do
        {
            Recorder.Clear();
            var q = query with { ContinuationToken = token };
            var page = status is { } s ? await Feedback.ListByStatusAsync(project, s, q, Ct) : await Feedback.ListAsync(project, q, Ct);
            var queries = Recorder.All.Count(m => m.DynamoDbOperation == "Query");
            pages.Add(new PageCost([.. page.Items.Select(f => f with { Project = default })], Recorder.Read() + Recorder.Read(Gsi1), queries));
            token = page.ContinuationToken;
            pages.Count.Should().BeLessThan(200, "paging must end: " + what + " last " + string.Join(",", page.Items.Select(i => i.Id)));
        }
        while (token is not null);

        return pages;
    }

    private sealed record PageCost(List<Feedback> Items, double Units, int Queries);
}
