using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// The widget's door: a submission addressed by project id alone, from an anonymous browser. The owner comes from the
/// id's claim, cached in process; a stale cache never writes anything under an owner that no longer holds the id.
/// </summary>
public sealed class WidgetSubmitTests(DynamoDbFixture fixture) : MeteredStoreTestBase(fixture, "widget")
{

    public static TheoryData<SubmitMode> Modes => [SubmitMode.Transactional, SubmitMode.ReadThenWrite];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_submission_by_project_id_lands_in_the_owners_project_and_its_receipt_names_no_owner(SubmitMode mode)
    {
        var project = await NewProjectAsync();
        var widget = NewFeedbackStore(o => o.SubmitMode = mode);
        var submission = new NewFeedback("From the widget") { Id = FeedbackId.New(Clock) };

        var receipt = await widget.SubmitFromWidgetAsync(project.ProjectId, submission, Ct);
        var repeated = await widget.SubmitFromWidgetAsync(project.ProjectId, submission, Ct);

        receipt.Should().Be(new FeedbackReceipt(project.ProjectId, submission.Id!.Value, FeedbackStatus.Open, submission.Id.Value.CreatedAt));
        repeated.Should().Be(receipt, "a retry with the same id is the same submission");
        System.Text.Json.JsonSerializer.Serialize(receipt).Should().NotContain(project.Owner.Value);
        var listed = (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().ContainSingle().Subject;
        listed.Project.Should().Be(project);
        listed.Message.Should().Be("From the widget");
    }

    [Fact]
    public async Task The_claim_lookup_costs_one_read_unit_once_per_project_and_process()
    {
        var project = await NewProjectAsync();
        var widget = NewFeedbackStore();

        // Cache miss: a strongly consistent GetItem of the claim, then the submit's transaction.
        await Expect(() => widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("first"), Ct), read: 1, write: 4, indexWrite: 2);

        // Cache hit: the transaction alone, exactly what a submit addressed by owner and project costs.
        await Expect(() => widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("second"), Ct), read: 0, write: 4, indexWrite: 2);
        await Expect(() => Feedback.SubmitAsync(project, new NewFeedback("third"), Ct), read: 0, write: 4, indexWrite: 2);
    }

    [Fact]
    public async Task A_missing_or_closed_project_refuses_with_a_message_that_names_only_the_project_id()
    {
        var closed = await NewProjectAsync(collecting: false);
        var widget = NewFeedbackStore();

        var toMissing = () => widget.SubmitFromWidgetAsync(ProjectId.New(), new NewFeedback("anyone there?"), Ct);
        var toClosed = () => widget.SubmitFromWidgetAsync(closed.ProjectId, new NewFeedback("too late"), Ct);

        (await toMissing.Should().ThrowAsync<TapkoNotFoundException>()).Which.Message.Should().MatchRegex("^Project '[0-9A-Z]{26}' was not found\\.$");
        var refusal = (await toClosed.Should().ThrowAsync<FeedbackCollectionClosedException>()).Which;
        refusal.Message.Should().NotContain(closed.Owner.Value);
        Flatten(refusal).Should().NotContain(closed.Owner.Value, "nothing of the project item travels with the refusal to an anonymous caller");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_stale_cache_never_writes_under_an_owner_who_no_longer_holds_the_id(SubmitMode mode)
    {
        // The widget's service caches alice as the owner of the id...
        var alice = NewOwner("alice");
        var bob = NewOwner("bob");
        var id = ProjectId.New();
        await Projects.CreateAsync(new ProjectKey(alice, id), "Alice's", cancellationToken: Ct);
        var widget = NewFeedbackStore(o => o.SubmitMode = mode);
        await widget.SubmitFromWidgetAsync(id, new NewFeedback("while alice held it"), Ct);

        // ...then the dashboard's service, another process, deletes alice's project.
        (await Projects.DeleteAsync(new ProjectKey(alice, id), Ct)).Should().Be(1);
        var whileNobodyHoldsIt = () => widget.SubmitFromWidgetAsync(id, new NewFeedback("to nobody"), Ct);
        await whileNobodyHoldsIt.Should().ThrowAsync<TapkoNotFoundException>("the write checks alice's project item, which is gone");
        (await RawItemsAsync(id)).Should().BeEmpty("nothing was written while nobody held the id");

        // Bob takes the id. The widget's cache still names alice; its next submission must not land as alice's.
        await Projects.CreateAsync(new ProjectKey(bob, id), "Bob's", cancellationToken: Ct);
        await widget.SubmitFromWidgetAsync(id, new NewFeedback("for whoever holds the id now"), Ct);

        var items = await RawItemsAsync(id);
        items.Should().NotContain(i => i["userId"].S == alice.Value, "the write checked alice's project item and incarnation, found them gone, and read the claim again");
        (await Feedback.ListAsync(new ProjectKey(bob, id), cancellationToken: Ct)).Items.Should().ContainSingle()
            .Which.Message.Should().Be("for whoever holds the id now");
        (await Feedback.ListAsync(new ProjectKey(alice, id), cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_project_deleted_and_created_again_by_its_owner_gets_the_widgets_next_submission(SubmitMode mode)
    {
        var project = await NewProjectAsync();
        var widget = NewFeedbackStore(o => o.SubmitMode = mode);
        await widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("first life"), Ct);
        await Projects.DeleteAsync(project, Ct);
        await Projects.CreateAsync(project, "Again", cancellationToken: Ct);

        await widget.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("second life"), Ct);

        (await Feedback.ListAsync(project, cancellationToken: Ct)).Items.Should().ContainSingle().Which.Message.Should().Be("second life");
    }

    private async Task<List<Dictionary<string, AttributeValue>>> RawItemsAsync(ProjectId id)
    {
        var response = await Fixture.Client.QueryAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :feedback)",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = new() { S = TapkoKeys.FeedbackPartition(id) },
                    [":feedback"] = new() { S = TapkoKeys.FeedbackSortKeyPrefix },
                },
                ConsistentRead = true,
            },
            Ct);
        return response.Items ?? [];
    }

    private static string Flatten(Exception e)
    {
        var text = e.ToString();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TransactionCanceledException cancelled)
            {
                text += string.Join(";", (cancelled.CancellationReasons ?? []).SelectMany(r => r?.Item ?? []).Select(p => p.Key + "=" + p.Value.S));
            }
        }

        return text;
    }
}
