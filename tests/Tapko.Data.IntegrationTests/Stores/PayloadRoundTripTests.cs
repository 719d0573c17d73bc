using System.Text.Json;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>Payloads are stored as DynamoDB maps and must read back with the same meaning, through every read path.</summary>
public sealed class PayloadRoundTripTests(DynamoDbFixture fixture) : StoreTestBase(fixture, "payload")
{
    private const string Rich = """
        {
          "page": "/checkout?step=2&lang=fr",
          "rating": 4,
          "ratio": 0.125,
          "negative": -17.5,
          "trailingZeros": 1.50,
          "exponent": 6.02e23,
          "tiny": 1e-120,
          "bigInteger": 12345678901234567890123456789012345678,
          "zero": 0,
          "flags": { "beta": true, "darkMode": false, "consent": null },
          "tags": ["ui", "payments", 3, false, null, { "nested": ["deep", [1, [2, [3]]]] }],
          "emptyObject": {},
          "emptyArray": [],
          "emptyString": "",
          "unicode": "Grüße, 東京, Ελληνικά, emoji 🎉👍🏽, RTL עברית, combining é",
          "escapes": "quote \" backslash \\ tab \t newline \n nul-free",
          "ключ 🔑": "unicode member name",
          "viewport": { "width": 1280, "height": 720, "dpr": 2.5, "screens": [ { "id": 1 }, { "id": 2 } ] }
        }
        """;

    [Fact]
    public async Task A_rich_payload_reads_back_equal_through_get_list_and_list_by_status()
    {
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse(Rich).RootElement;

        var stored = await Feedback.SubmitAsync(project, new NewFeedback("Rich payload ✓", payload), Ct);

        JsonSemantics.AreEqual(stored.Payload!.Value, payload).Should().BeTrue("the returned object carries the submitted payload");
        var fromGet = (await Feedback.GetAsync(project, stored.Id, Ct))!.Payload!.Value;
        var fromList = (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Single().Payload!.Value;
        var fromIndex = (await Feedback.ListByStatusAsync(project, FeedbackStatus.Open, cancellationToken: Ct)).Items.Single().Payload!.Value;
        foreach (var read in new[] { fromGet, fromList, fromIndex })
        {
            JsonSemantics.AreEqual(read, payload).Should().BeTrue($"it read back as {read.GetRawText()}");
        }
    }

    [Fact]
    public async Task A_payload_survives_a_status_update()
    {
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse(Rich).RootElement;
        var stored = await Feedback.SubmitAsync(project, new NewFeedback("update me", payload), Ct);

        var updated = await Feedback.UpdateStatusAsync(project, stored.Id, FeedbackStatus.Resolved, cancellationToken: Ct);

        JsonSemantics.AreEqual(updated.Payload!.Value, payload).Should().BeTrue();
    }

    [Fact]
    public async Task Unicode_messages_read_back_exactly()
    {
        var project = await NewProjectAsync();
        const string message = "Ça ne marche pas 😡 — 东京 — \u200Bzero width — e\u0301 vs é — line1\nline2\ttab";

        var stored = await Feedback.SubmitAsync(project, new NewFeedback(message), Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct))!.Message.Should().Be(message);
    }

    [Fact]
    public async Task A_message_of_the_maximum_length_is_stored()
    {
        var project = await NewProjectAsync();
        var message = string.Concat(Enumerable.Repeat("ab€😀", NewFeedback.MaxMessageLength / 5)).PadRight(NewFeedback.MaxMessageLength, 'z');

        var stored = await Feedback.SubmitAsync(project, new NewFeedback(message), Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct))!.Message.Should().Be(message);
    }

    [Fact]
    public async Task A_payload_just_under_the_item_limit_is_stored()
    {
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse(JsonSerializer.Serialize(new { blob = new string('x', 390 * 1024) })).RootElement;

        var stored = await Feedback.SubmitAsync(project, new NewFeedback("big", payload), Ct);

        (await Feedback.GetAsync(project, stored.Id, Ct))!.Payload!.Value.GetProperty("blob").GetString().Should().HaveLength(390 * 1024);
    }

    [Theory]
    [MemberData(nameof(FeedbackSubmitTests.Modes), MemberType = typeof(FeedbackSubmitTests))]
    public async Task A_retry_with_a_payload_whose_numbers_dynamodb_normalises_is_still_the_same_submission(SubmitMode mode)
    {
        var feedback = NewFeedbackStore(o => o.SubmitMode = mode);
        var project = await NewProjectAsync();
        var payload = JsonDocument.Parse("""{"a":1.50,"b":-0,"c":-0.0,"d":1e3,"e":100E-2,"f":[0.10,2E+0]}""").RootElement;
        var submission = new NewFeedback("numbers", payload) { Id = FeedbackId.New(Clock) };

        var first = await feedback.SubmitAsync(project, submission, Ct);
        var retry = await feedback.SubmitAsync(project, submission, Ct);

        retry.Id.Should().Be(first.Id);
        JsonSemantics.AreEqual(retry.Payload!.Value, payload).Should().BeTrue($"it read back as {retry.Payload.Value.GetRawText()}");
        var read = (await feedback.GetAsync(project, first.Id, Ct))!;
        JsonSemantics.AreEqual(read.Payload!.Value, payload).Should().BeTrue($"it read back as {read.Payload.Value.GetRawText()}");
    }
}
