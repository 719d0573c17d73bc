using System.Text.Json;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// Bad input is refused before any request: the stores here run on a client that fails the test if it is ever
/// called. The last test checks that a real table never sees such input either.
/// </summary>
public sealed class InputValidationTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "input")
{
    private static readonly ProjectKey Valid = new(UserId.Parse("owner"), ProjectId.Parse("project"));

    public static TheoryData<string, string> BadIds => new()
    {
        { "with#delimiter", "delimiter" },
        { "#", "delimiter" },
        { "USER#other", "delimiter" },
        { "tab\there", "control" },
        { "new\nline", "control" },
        { "nul\0", "control" },
        { "bell\u0007", "control" },
        { "del\u007F", "control" },
        { "c1\u0085", "control" },
        { new string('x', IdRules.MaxLength + 1), "at most" },
        { "", "empty" },
        { " padded", "white space" },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public void Bad_user_and_project_ids_are_refused_with_the_rule_they_break(string value, string rule)
    {
        var user = () => UserId.Parse(value);
        var project = () => ProjectId.Parse(value);
        var key = () => ProjectKey.Parse("owner", value);

        user.Should().Throw<ArgumentException>().WithMessage($"*{rule}*");
        project.Should().Throw<ArgumentException>().WithMessage($"*{rule}*");
        key.Should().Throw<ArgumentException>();
        UserId.TryParse(value, out _).Should().BeFalse();
        ProjectId.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public void Ids_with_a_lone_surrogate_are_refused()
    {
        // Not theory data: xunit would serialise the lone surrogate into U+FFFD on the way.
        foreach (var value in new[] { "lone\uD800surrogate", "end\uDBFF", "\uDC00start" })
        {
            var user = () => UserId.Parse(value);
            var project = () => ProjectId.Parse(value);

            user.Should().Throw<ArgumentException>().WithMessage("*surrogate*");
            project.Should().Throw<ArgumentException>().WithMessage("*surrogate*");
        }
    }

    [Fact]
    public void An_id_of_the_maximum_length_is_accepted()
    {
        var longest = new string('x', IdRules.MaxLength);

        UserId.Parse(longest).Value.Should().Be(longest);
        ProjectId.Parse(longest).Value.Should().Be(longest);
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA")] // 25 characters
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAVV")] // 27 characters
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA#")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA\n")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU")] // U is not Crockford base-32
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV")] // timestamp overflow
    [InlineData("")]
    public void A_feedback_id_must_be_a_ulid(string value)
    {
        var parse = () => FeedbackId.Parse(value);

        parse.Should().Throw<ArgumentException>();
        FeedbackId.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public async Task Default_ids_are_refused_by_every_call_without_a_request()
    {
        var (client, probe) = NoRequestClient.Create();
        var projects = new ProjectStore(client, Options(), Clock);
        var feedback = new FeedbackStore(client, Options(), Clock);
        var noOwner = new ProjectKey(default, ProjectId.Parse("p"));
        var noProject = new ProjectKey(UserId.Parse("u"), default);
        var id = FeedbackId.New(Clock);

        foreach (var key in new[] { noOwner, noProject })
        {
            await Refused(() => projects.CreateAsync(key, "name", cancellationToken: Ct));
            await Refused(() => projects.GetAsync(key, Ct));
            await Refused(() => projects.SetCollectingFeedbackAsync(key, true, Ct));
            await Refused(() => projects.RenameAsync(key, "name", 1, Ct));
            await Refused(() => projects.DeleteAsync(key, Ct));
            await Refused(() => feedback.SubmitAsync(key, new NewFeedback("m"), Ct));
            await Refused(() => feedback.GetAsync(key, id, Ct));
            await Refused(() => feedback.ListAsync(key, cancellationToken: Ct));
            await Refused(() => feedback.ListByStatusAsync(key, FeedbackStatus.Open, cancellationToken: Ct));
            await Refused(() => feedback.UpdateStatusAsync(key, id, FeedbackStatus.Resolved, cancellationToken: Ct));
            await Refused(() => feedback.DeleteAsync(key, id, Ct));
        }

        await Refused(() => projects.ListAsync(default, cancellationToken: Ct));
        var listAll = async () =>
        {
            await foreach (var _ in projects.ListAllAsync(default, Ct))
            {
            }
        };
        await listAll.Should().ThrowAsync<ArgumentException>();
        await Refused(() => feedback.GetAsync(Valid, default, Ct));
        await Refused(() => feedback.UpdateStatusAsync(Valid, default, FeedbackStatus.Resolved, cancellationToken: Ct));
        await Refused(() => feedback.DeleteAsync(Valid, default, Ct));
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m") { Id = default(FeedbackId) }, Ct));

        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Bad_messages_names_payloads_and_queries_are_refused_without_a_request()
    {
        var (client, probe) = NoRequestClient.Create();
        var projects = new ProjectStore(client, Options(), Clock);
        var feedback = new FeedbackStore(client, Options(), Clock);

        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback(new string('m', NewFeedback.MaxMessageLength + 1)), Ct), "at most 10,000");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback(""), Ct));
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("  \t "), Ct));
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback(null!), Ct));
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("lone \uDC00 surrogate"), Ct), "surrogate");
        await Refused(() => feedback.SubmitAsync(Valid, null!, Ct));
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("[1,2]")), Ct), "JSON object");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("\"text\"")), Ct), "JSON object");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("""{"n":1e400}""")), Ct), "range");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("""{"n":123456789012345678901234567890123456789}""")), Ct), "significant digits");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("""{"a":1,"a":2}""")), Ct), "twice");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("""{"":1}""")), Ct), "empty property name");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json("""{"a":[{"ok":{"":null}}]}""")), Ct), "empty property name at $.a[0].ok");
        await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("m", Json(string.Concat(Enumerable.Repeat("""{"a":""", 31)) + "1" + new string('}', 31))), Ct), "nested");

        await Refused(() => projects.CreateAsync(Valid, "", cancellationToken: Ct));
        await Refused(() => projects.CreateAsync(Valid, new string('n', ProjectRules.MaxNameLength + 1), cancellationToken: Ct), "at most");
        await Refused(() => projects.CreateAsync(Valid, "bad\nname", cancellationToken: Ct), "control");
        await Refused(() => projects.RenameAsync(Valid, "bad\u0000name", 1, Ct), "control");
        await Refused(() => projects.RenameAsync(Valid, "ok", 0, Ct));

        await Refused(() => projects.ListAsync(Valid.Owner, new ProjectQuery { PageSize = 0 }, Ct));
        await Refused(() => projects.ListAsync(Valid.Owner, new ProjectQuery { PageSize = PageLimits.MaxPageSize + 1 }, Ct));
        await Refused(() => feedback.ListAsync(Valid, new FeedbackQuery { PageSize = 0 }, Ct));
        await Refused(() => feedback.ListAsync(Valid, new FeedbackQuery { Order = (SortOrder)7 }, Ct));
        await Refused(() => feedback.ListAsync(Valid, new FeedbackQuery { CreatedFrom = DateTimeOffset.UtcNow, CreatedTo = DateTimeOffset.UtcNow.AddDays(-1) }, Ct));
        await Refused(() => feedback.ListAsync(Valid, new FeedbackQuery { CreatedTo = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) }, Ct));
        await Refused(() => feedback.ListByStatusAsync(Valid, (FeedbackStatus)42, cancellationToken: Ct));
        await Refused(() => feedback.UpdateStatusAsync(Valid, FeedbackId.New(Clock), (FeedbackStatus)42, cancellationToken: Ct));
        await Refused(() => feedback.UpdateStatusAsync(Valid, FeedbackId.New(Clock), FeedbackStatus.Open, (FeedbackStatus)42, Ct));

        var badToken = () => feedback.ListAsync(Valid, new FeedbackQuery { ContinuationToken = "garbage!" }, Ct);
        await badToken.Should().ThrowAsync<InvalidContinuationTokenException>();

        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_payload_over_400_KB_is_refused_as_too_large_without_a_request()
    {
        var (client, probe) = NoRequestClient.Create();
        var feedback = new FeedbackStore(client, Options(), Clock);
        var payload = Json(JsonSerializer.Serialize(new { blob = new string('x', 400 * 1024) }));

        var act = () => feedback.SubmitAsync(Valid, new NewFeedback("big", payload), Ct);

        var tooLarge = (await act.Should().ThrowAsync<ItemTooLargeException>()).Which;
        tooLarge.LimitInBytes.Should().Be(400 * 1024);
        tooLarge.SizeInBytes.Should().BeGreaterThan(400 * 1024);
        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_payload_made_large_by_multi_byte_characters_is_measured_in_utf8_bytes()
    {
        var (client, probe) = NoRequestClient.Create();
        var feedback = new FeedbackStore(client, Options(), Clock);

        // 140,000 characters, but 3 bytes each in UTF-8: 420,000 bytes.
        var payload = Json(JsonSerializer.Serialize(new { text = new string('€', 140_000) }));

        var act = () => feedback.SubmitAsync(Valid, new NewFeedback("wide", payload), Ct);

        await act.Should().ThrowAsync<ItemTooLargeException>();
        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_caller_chosen_id_dated_outside_the_window_around_the_clock_is_refused_without_a_request()
    {
        var (client, probe) = NoRequestClient.Create();
        var feedback = new FeedbackStore(client, Options(), Clock);
        var now = Clock.GetUtcNow();
        var dates = new[]
        {
            new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DateTimeOffset.UnixEpoch,
            now.AddMinutes(-15).AddMilliseconds(-1),
            now.AddMinutes(1).AddMilliseconds(1),
        };

        foreach (var date in dates)
        {
            var submission = new NewFeedback("dated") { Id = FeedbackId.New(new ManualTimeProvider(date)) };
            foreach (var submit in new Func<Task<object>>[]
            {
                async () => await feedback.SubmitAsync(Valid, submission, Ct),
                async () => await feedback.SubmitFromWidgetAsync(Valid.ProjectId, submission, Ct),
            })
            {
                (await submit.Should().ThrowAsync<ArgumentException>())
                    .WithParameterName("feedback")
                    .WithMessage("NewFeedback.Id is dated *; a caller-chosen id must be dated between 15 minutes before and 1 minutes after the store's clock*");
            }
        }

        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_caller_chosen_id_at_the_edges_of_the_window_is_accepted()
    {
        var project = await NewProjectAsync();
        var now = Clock.GetUtcNow();

        foreach (var date in new[] { now.AddMinutes(-15), now.AddMinutes(1), now })
        {
            var stored = await Feedback.SubmitAsync(project, new NewFeedback("on the edge") { Id = FeedbackId.New(new ManualTimeProvider(date)) }, Ct);
            stored.CreatedAt.Should().Be(date);
        }
    }

    [Fact]
    public async Task Payload_numbers_dynamodb_cannot_store_are_refused_as_argument_errors_without_a_request()
    {
        var (client, probe) = NoRequestClient.Create();
        var feedback = new FeedbackStore(client, Options(), Clock);

        foreach (var number in new[] { "1e99999999999999999999", "-1e-99999999999999999999", "1e126", "1e-131", "123456789012345678901234567890123456789" })
        {
            await Refused(() => feedback.SubmitAsync(Valid, new NewFeedback("n", Json($"{{\"n\":{number}}}")), Ct), "payload number");
        }

        probe.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_real_table_holds_nothing_after_refused_input()
    {
        var project = await NewProjectAsync();

        var tooLarge = () => Feedback.SubmitAsync(project, new NewFeedback("x", Json(JsonSerializer.Serialize(new { blob = new string('x', 401 * 1024) }))), Ct);
        var tooLong = () => Feedback.SubmitAsync(project, new NewFeedback(new string('m', NewFeedback.MaxMessageLength + 1)), Ct);
        await tooLarge.Should().ThrowAsync<ItemTooLargeException>();
        await tooLong.Should().ThrowAsync<ArgumentException>();

        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static async Task Refused<T>(Func<Task<T>> call, string? messagePart = null)
    {
        var thrown = await call.Should().ThrowAsync<ArgumentException>();
        if (messagePart is not null)
        {
            thrown.WithMessage($"*{messagePart}*");
        }
    }
}
