namespace Tapko.Data.Tests;

/// <summary>
/// Pins the shard function and the sharded keys: a stored item is found again only if every process, every version of
/// the library, puts the same id in the same shard and counts it in the same head. The expected values were computed
/// with an independent FNV-1a implementation.
/// </summary>
public sealed class ShardLayoutTests
{
    private static readonly ProjectId Project = ProjectId.Parse("p-7");

    [Theory]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5M", 932368279u)]
    [InlineData("01JDQ5ZC8B0000000000000000", 2929711365u)]
    [InlineData("01JDQ5ZC8BZZZZZZZZZZZZZZZZ", 1328958789u)]
    [InlineData("01KZZZZZZZ9N0XW3T6GJ2S4K5M", 932368279u)]
    public void The_hash_is_fnv1a_of_the_ids_random_part_only(string id, uint expected)
    {
        ShardLayout.Hash(FeedbackId.Parse(id)).Should().Be(expected, "the timestamp is left out, so ids of one millisecond still spread");
    }

    [Theory]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5M", 4, 3, 5)]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5M", 16, 7, 57)]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5M", 32, 23, 28)]
    [InlineData("01JDQ5ZC8B0000000000000000", 4, 1, 1)]
    [InlineData("01JDQ5ZC8B0000000000000000", 16, 5, 16)]
    [InlineData("01JDQ5ZC8BZZZZZZZZZZZZZZZZ", 32, 5, 74)]
    public void Shard_and_head_of_an_id_are_pinned(string id, int shards, int shard, int head)
    {
        var layout = ShardLayout.Of(shards, "shards");
        var feedback = FeedbackId.Parse(id);

        layout.ShardOf(feedback).Should().Be(shard);
        layout.HeadOf(feedback).Should().Be(head);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 16)]
    [InlineData(4, 32)]
    [InlineData(12, 96)]
    [InlineData(16, 96)]
    [InlineData(32, 96)]
    public void Heads_are_eight_per_shard_up_to_96(int shards, int heads)
    {
        ShardLayout.Of(shards, "shards").Heads.Should().Be(heads);
    }

    [Fact]
    public void The_default_layout_is_the_seeds_one_shard_with_no_heads()
    {
        var layout = default(ShardLayout);

        layout.Should().Be(ShardLayout.One).And.Be(ShardLayout.Of(1, "shards"));
        layout.HasHeads.Should().BeFalse();
        layout.MoveBatchSize.Should().Be(99, "one action of a transaction is the project item's counters");
        ShardLayout.Of(2, "shards").MoveBatchSize.Should().Be(50);
        layout.ShardOf(FeedbackId.New()).Should().Be(0);
        ShardLayout.Stored(null).Should().Be(ShardLayout.One, "an item without the attribute is unsharded");
        ShardLayout.Stored("16").Count.Should().Be(16);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(33)]
    public void Out_of_range_counts_are_refused_naming_the_argument(int shards)
    {
        var of = () => ShardLayout.Of(shards, "feedbackShards");

        of.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("feedbackShards");
    }

    [Fact]
    public void Ids_spread_evenly_over_shards_and_heads()
    {
        var layout = ShardLayout.Of(16, "shards");
        var ids = Enumerable.Range(0, 16_000).Select(_ => FeedbackId.New()).ToList();

        ids.GroupBy(layout.ShardOf).Should().HaveCount(16).And.OnlyContain(g => g.Count() > 800 && g.Count() < 1_200);
        ids.GroupBy(layout.HeadOf).Should().HaveCount(96).And.OnlyContain(g => g.Count() > 100 && g.Count() < 240);
    }

    [Fact]
    public void Sharded_keys_keep_the_sort_keys_and_add_the_shard_to_both_partition_keys()
    {
        var layout = ShardLayout.Of(16, "shards");
        var id = FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");

        layout.FeedbackKey(Project, id).Should().Be(new TapkoItemKey("PROJECT#p-7#07", "FEEDBACK#01JDQ5ZC8B9N0XW3T6GJ2S4K5M"));
        StatusIndex.KeyOf(Project, FeedbackStatus.Open, id, layout).PartitionKey.Should().Be("PROJECT#p-7#07");
        StatusIndex.KeyOf(Project, FeedbackStatus.Open, id, layout).SortKey.Should().Be(StatusIndex.KeyOf(Project, FeedbackStatus.Open, id, ShardLayout.One).SortKey);
        TapkoKeys.Head(Project, 57).Should().Be(new TapkoItemKey("PROJECT#p-7#HEAD#57", "HEAD"));
        layout.Partition(Project, 0).Should().Be("PROJECT#p-7#00");
        ShardLayout.One.Partition(Project, 0).Should().Be("PROJECT#p-7", "unsharded keeps the seed's key");
        ShardLayout.One.FeedbackKey(Project, id).Should().Be(default(ShardLayout).FeedbackKey(Project, id));
    }

    [Fact]
    public void Merge_order_is_by_id_on_the_table_and_by_time_then_shard_on_the_status_index()
    {
        var layout = ShardLayout.Of(4, "shards");
        var early = FeedbackId.Parse("01JDQ5ZC8BZZZZZZZZZZZZZZZZ");   // shard 1
        var tied = FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");    // same millisecond, shard 3
        var late = FeedbackId.Parse("01JDQ5ZC8C0000000000000000");

        FeedbackIndex.ByCreation.MergeOrder(tied, early, layout).Should().BeNegative("the table orders by id");
        var status = StatusIndex.For(FeedbackStatus.Open);
        status.MergeOrder(early, tied, layout).Should().BeNegative("a created-at tie goes by shard");
        status.MergeOrder(tied, late, layout).Should().BeNegative();
        status.MergeOrder(tied, tied, layout).Should().Be(0);
    }

    [Fact]
    public void A_status_read_resumes_the_last_items_shard_from_its_key_and_the_others_by_time()
    {
        var layout = ShardLayout.Of(4, "shards");
        var last = FeedbackId.Parse("01JDQ5ZC8BZZZZZZZZZZZZZZZZ");   // shard 1
        var index = StatusIndex.For(FeedbackStatus.Open);
        var oldest = new FeedbackQuery { Order = SortOrder.OldestFirst };
        var newest = new FeedbackQuery { Order = SortOrder.NewestFirst };
        var ms = TimeSpan.FromMilliseconds(1);

        index.ResumeShard(oldest, last, layout, 1).Should().Be(((FeedbackId?)last, oldest));
        index.ResumeShard(oldest, last, layout, 0).Should().Be(((FeedbackId?)null, oldest with { CreatedFrom = last.CreatedAt + ms }), "shard 0's ties came first");
        index.ResumeShard(oldest, last, layout, 2).Should().Be(((FeedbackId?)null, oldest with { CreatedFrom = last.CreatedAt }), "shard 2's ties are still to come");
        index.ResumeShard(newest, last, layout, 2).Should().Be(((FeedbackId?)null, newest with { CreatedTo = last.CreatedAt - ms }));
        index.ResumeShard(newest, last, layout, 0).Should().Be(((FeedbackId?)null, newest with { CreatedTo = last.CreatedAt }));
        index.ResumeShard(oldest with { CreatedTo = last.CreatedAt }, last, layout, 0).Should().BeNull("nothing of shard 0 is left in the range");
        FeedbackIndex.ByCreation.ResumeShard(oldest, last, layout, 3).Should().Be(((FeedbackId?)last, oldest), "on the table every shard starts after the id");
    }

    [Fact]
    public void A_sharded_submit_updates_the_ids_head_and_puts_the_item_in_its_shard()
    {
        var layout = ShardLayout.Of(16, "shards");
        var key = new ProjectKey(UserId.Parse("u-42"), Project);
        var feedback = new Feedback(key, FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M"), "hi", FeedbackStatus.Open, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var item = FeedbackItem.ToItem(feedback, null, "inc", layout);

        var request = FeedbackRequests.Submit("t", key, new ProjectClaim(key.Owner, "inc", layout), feedback.Id, item, count: true);

        request.TransactItems.Should().HaveCount(2);
        request.TransactItems[0].Update.Key.Should().BeEquivalentTo(PrimaryIndex.Key(new TapkoItemKey("PROJECT#p-7#HEAD#57", "HEAD")));
        request.TransactItems[0].Update.ConditionExpression.Should().Be(FeedbackRequests.ProjectIsOpen);
        request.TransactItems[1].Put.Item["PK"].S.Should().Be("PROJECT#p-7#07");
        request.TransactItems[1].Put.Item["GSI1PK"].S.Should().Be("PROJECT#p-7#07");
        request.ClientRequestToken.Should().Be(FeedbackRequests.Submit("t", key, new ProjectClaim(key.Owner, "inc", ShardLayout.One), feedback.Id, FeedbackItem.ToItem(feedback, null, "inc", ShardLayout.One), count: true).ClientRequestToken, "the token names the submission, not where it is stored");
    }

    [Fact]
    public void A_sharded_position_travels_in_a_token_like_any_other()
    {
        var codec = new ContinuationTokenCodec(null);
        var id = FeedbackId.Parse("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");

        codec.Decode(codec.Encode("binding", id.ToString()), "binding").Should().Be(id.ToString());
        var other = () => codec.Decode(codec.Encode("binding", id.ToString()), "another query");
        other.Should().Throw<InvalidContinuationTokenException>();
    }
}
