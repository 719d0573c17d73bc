using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing.Tests;

/// <summary>The per-test table a consumer's test suite gets from the package: created, used, dropped.</summary>
public sealed class TapkoTestTableTests(DynamoDbFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_the_library_table_under_a_new_name_and_drops_it_on_dispose()
    {
        var table = await TapkoTestTable.CreateAsync(fixture.Local, "orders", Ct);
        var described = await fixture.Client.DescribeTableAsync(table.Name, Ct);
        var expected = TapkoTable.BuildCreateTableRequest(table.Name);

        table.Name.Should().StartWith("orders-");
        table.Client.Should().BeSameAs(fixture.Client);
        described.Table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value))
            .Should().Equal(expected.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        (described.Table.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName)
            .Should().Equal(expected.GlobalSecondaryIndexes.Select(i => i.IndexName));

        await table.DisposeAsync();
        await table.DisposeAsync();

        var describe = () => fixture.Client.DescribeTableAsync(table.Name, Ct);
        await describe.Should().ThrowAsync<ResourceNotFoundException>("disposing drops the table");
    }

    [Fact]
    public async Task Hands_out_options_and_stores_on_its_table()
    {
        await using var table = await TapkoTestTable.CreateAsync(fixture.Local, "stores", Ct);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero));
        var key = new ProjectKey(UserId.Parse("alice"), ProjectId.New());

        var options = table.CreateOptions(o => o.ConsistentReads = true);
        var created = await table.CreateProjectStore(clock).CreateAsync(key, "Widget", cancellationToken: Ct);
        var submitted = await table.CreateFeedbackStore(clock).SubmitAsync(key, new NewFeedback("hello"), Ct);

        options.TableName.Should().Be(table.Name);
        options.ConsistentReads.Should().BeTrue();
        created.CreatedAt.Should().Be(clock.GetUtcNow(), "the store uses the clock it was given");
        (await new ProjectStore(fixture.Client, table.CreateOptions()).GetAsync(key, Ct)).Should().Be(created);
        (await new FeedbackStore(fixture.Client, options).GetAsync(key, submitted.Id, Ct))!.Message.Should().Be("hello");
    }

    [Fact]
    public async Task Two_tables_do_not_see_each_others_items()
    {
        await using var first = await TapkoTestTable.CreateAsync(fixture.Local, "isolated", Ct);
        await using var second = await TapkoTestTable.CreateAsync(fixture.Local, "isolated", Ct);
        var key = new ProjectKey(UserId.Parse("bob"), ProjectId.New());

        await first.CreateProjectStore().CreateAsync(key, "Only in the first", cancellationToken: Ct);

        first.Name.Should().NotBe(second.Name);
        (await second.CreateProjectStore().GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_table_the_test_dropped_itself_disposes_quietly()
    {
        var table = await TapkoTestTable.CreateAsync(fixture.Local, cancellationToken: Ct);
        await fixture.Client.DeleteTableAsync(table.Name, Ct);

        var dispose = async () => await table.DisposeAsync();

        await dispose.Should().NotThrowAsync();
    }

    [Theory]
    [InlineData(null, "t-")]
    [InlineData("", "t-")]
    [InlineData("Feedback Tests #1 ✓", "FeedbackTests1-")]
    [InlineData("a.b_c-d", "a.b_c-d-")]
    public void Unique_names_keep_a_readable_prefix_DynamoDB_accepts(string? prefix, string start)
    {
        var names = Enumerable.Range(0, 3).Select(_ => TapkoTestTable.UniqueName(prefix)).ToList();

        names.Should().OnlyHaveUniqueItems().And.OnlyContain(name => name.StartsWith(start, StringComparison.Ordinal));
        names.Should().AllSatisfy(name => name.Should().MatchRegex("^[A-Za-z0-9_.-]+$"));
    }

    [Fact]
    public void A_long_prefix_is_cut_so_the_name_stays_within_DynamoDBs_255_characters() =>
        TapkoTestTable.UniqueName(new string('x', 1_000)).Length.Should().BeInRange(3, 255);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
