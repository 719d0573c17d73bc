namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// <see cref="SubmitMode.CachedCheck"/>: the project's state is read once per lifetime, then every submission is one
/// conditional PutItem, also to a sharded project; a close in this process applies at once, one made elsewhere once the
/// cached state expires.
/// </summary>
public sealed class CachedCheckSubmitTests(DynamoDbFixture fixture) : MeteredStoreTestBase(fixture, "cachedcheck")
{
    protected override void ConfigureStores(TapkoStoreOptions options) => options.SubmitMode = SubmitMode.CachedCheck;

    [Fact]
    public async Task After_the_first_read_a_submission_is_one_put_and_no_read()
    {
        var project = await NewProjectAsync();
        await Feedback.SubmitAsync(project, new NewFeedback("first"), Ct);

        await Expect(() => Feedback.SubmitAsync(project, new NewFeedback("small"), Ct), read: 0, write: 1, indexRead: 0, indexWrite: 1);
        await Expect(() => Feedback.SubmitFromWidgetAsync(project.ProjectId, new NewFeedback("widget"), Ct), read: 0, write: 1, indexRead: 0, indexWrite: 1);
        Recorder.All.Select(m => m.DynamoDbOperation).Distinct().Should().Equal("PutItem");
    }

    [Fact]
    public async Task A_sharded_project_takes_plain_puts_in_the_ids_shard()
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        await Projects.CreateAsync(project, "Viral", new ProjectOptions { FeedbackShards = 16 }, Ct);
        var first = await Feedback.SubmitAsync(project, new NewFeedback("first"), Ct);

        await Expect(() => Feedback.SubmitAsync(project, new NewFeedback("small"), Ct), read: 0, write: 1, indexRead: 0, indexWrite: 1);
        (await Feedback.GetAsync(project, first.Id, Ct)).Should().Be(first);
        (await Feedback.ListAllAsync(project, cancellationToken: Ct).CountAsync(Ct)).Should().Be(2);
    }

    [Fact]
    public async Task A_close_here_applies_at_once_and_one_elsewhere_when_the_cached_state_expires()
    {
        var project = await NewProjectAsync();
        await Feedback.SubmitAsync(project, new NewFeedback("open"), Ct);

        await Projects.SetCollectingFeedbackAsync(project, false, Ct);
        var here = () => Feedback.SubmitAsync(project, new NewFeedback("closed here"), Ct);
        await here.Should().ThrowAsync<FeedbackCollectionClosedException>();

        await Projects.SetCollectingFeedbackAsync(project, true, Ct);
        await Feedback.SubmitAsync(project, new NewFeedback("reopened"), Ct);
        await NewProjectStore().SetCollectingFeedbackAsync(project, false, Ct);
        await Feedback.SubmitAsync(project, new NewFeedback("closed elsewhere, not seen yet"), Ct);

        Clock.Advance(TimeSpan.FromSeconds(6));
        var later = () => Feedback.SubmitAsync(project, new NewFeedback("after the lifetime"), Ct);
        await later.Should().ThrowAsync<FeedbackCollectionClosedException>();
    }

    [Fact]
    public async Task A_repeated_submission_is_the_stored_one_and_another_owners_project_is_missing()
    {
        var project = await NewProjectAsync();
        var id = FeedbackId.New(Clock);
        var first = await Feedback.SubmitAsync(project, new NewFeedback("once") { Id = id }, Ct);

        (await Feedback.SubmitAsync(project, new NewFeedback("once") { Id = id }, Ct)).Should().Be(first);
        var other = () => Feedback.SubmitAsync(new ProjectKey(NewOwner(), project.ProjectId), new NewFeedback("mine?"), Ct);
        await other.Should().ThrowAsync<TapkoNotFoundException>();
    }
}
