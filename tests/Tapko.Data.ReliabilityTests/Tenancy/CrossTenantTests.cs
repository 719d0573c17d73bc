using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Tenancy;

/// <summary>
/// For every public method of both stores: bob, an owner who knows alice's project id (it is public) and her feedback
/// ids, addressing them (after trying to take the id for himself, or not), or handing in alice's continuation tokens,
/// neither takes, reads nor changes anything of hers — not in results, not inside exceptions — and gets what a missing
/// project gives; alice cannot be steered by bob's tokens either. Alice's raw items are compared before and after
/// every call.
/// </summary>
public sealed class CrossTenantTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "tenancy")
{
    private const string Secret = "ALICE-SECRET";
    private static readonly byte[] SigningKey = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    private readonly UserId alice = NewOwner("alice");
    private readonly UserId bob = NewOwner("bob");
    private ProjectKey alicesProject;
    private List<Feedback> alicesFeedback = [];
    private ProjectStore projects = null!;
    private FeedbackStore feedback = null!;
    private int attempts;

    public static TheoryData<bool> BobTriesToTakeTheProjectId => [false, true];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        projects = new ProjectStore(Fixture.Client, Options(o => o.CursorSigningKey = SigningKey));
        feedback = new FeedbackStore(Fixture.Client, Options(o => o.CursorSigningKey = SigningKey));
        alicesProject = new ProjectKey(alice, ProjectId.New());
        await projects.CreateAsync(alicesProject, Secret + " project", cancellationToken: Ct);
        await projects.CreateAsync(new ProjectKey(alice, ProjectId.New()), Secret + " second", cancellationToken: Ct);
        using var payload = JsonDocument.Parse($"{{\"note\":\"{Secret} payload\"}}");
        for (var i = 0; i < 6; i++)
        {
            alicesFeedback.Add(await feedback.SubmitAsync(alicesProject, new NewFeedback($"{Secret} message {i}", payload.RootElement.Clone()), Ct));
        }
    }

    [Theory]
    [MemberData(nameof(BobTriesToTakeTheProjectId))]
    public async Task Bob_cannot_read_or_change_alices_projects_through_any_project_store_method(bool squat)
    {
        var bobsKey = await ArrangeBobAsync(squat);

        await AttackAsync("project.get", async () =>
        {
            var project = await projects.GetAsync(bobsKey, Ct);
            (project is null || project.Key.Owner == bob).Should().BeTrue();
            return null;
        });
        await AttackAsync("project.list", async () =>
        {
            (await projects.ListAsync(bob, cancellationToken: Ct)).Items.Should().NotContain(p => p.Key.Owner != bob);
            return null;
        });
        await AttackAsync("project.list_all", async () =>
        {
            await foreach (var project in projects.ListAllAsync(bob, Ct))
            {
                project.Key.Owner.Should().Be(bob);
            }

            return null;
        });
        await AttackAsync("project.list (alice's cursor)", async () =>
        {
            var token = (await projects.ListAsync(alice, new ProjectQuery { PageSize = 1 }, Ct)).ContinuationToken!;
            var (_, error) = await Outcomes.TryAsync(() => projects.ListAsync(bob, new ProjectQuery { PageSize = 1, ContinuationToken = token }, Ct));
            return error.Should().BeOfType<InvalidContinuationTokenException>().Subject;
        });
        await AttackAsync("project.set_collecting", async () =>
        {
            var (_, error) = await Outcomes.TryAsync(() => projects.SetCollectingFeedbackAsync(bobsKey, false, Ct));
            return error.Should().BeOfType<TapkoNotFoundException>().Subject;
        });
        await AttackAsync("project.rename", async () =>
        {
            var (_, error) = await Outcomes.TryAsync(() => projects.RenameAsync(bobsKey, "pwned", 1, Ct));
            return error.Should().BeOfType<TapkoNotFoundException>().Subject;
        });
        await AttackAsync("project.create", async () =>
        {
            var (_, error) = await Outcomes.TryAsync(() => projects.CreateAsync(bobsKey, "bob's", cancellationToken: Ct));
            return error.Should().BeOfType<DuplicateItemException>("alice holds the id").Subject;
        });
        await AttackAsync("project.delete", async () =>
        {
            (await projects.DeleteAsync(bobsKey, Ct)).Should().BeNull("bob has no such project");
            return null;
        });
    }

    [Theory]
    [MemberData(nameof(BobTriesToTakeTheProjectId))]
    public async Task Bob_cannot_read_or_change_alices_feedback_through_any_feedback_store_method(bool squat)
    {
        var bobsKey = await ArrangeBobAsync(squat);
        var target = alicesFeedback[0];

        await AttackAsync("feedback.submit", async () =>
        {
            var (_, error) = await Outcomes.TryAsync(() => feedback.SubmitAsync(bobsKey, new NewFeedback("bob's"), Ct));
            return error.Should().BeOfType<TapkoNotFoundException>().Subject;
        });
        await AttackAsync("feedback.submit (alice's feedback id)", async () =>
        {
            var (_, error) = await Outcomes.TryAsync(() => feedback.SubmitAsync(bobsKey, new NewFeedback("overwrite?") { Id = target.Id }, Ct));
            return error.Should().BeOfType<TapkoNotFoundException>("the project is checked before the id, so the id's existence stays alice's").Subject;
        });
        await AttackAsync("feedback.get", async () =>
        {
            (await feedback.GetAsync(bobsKey, target.Id, Ct)).Should().BeNull();
            return null;
        });
        await AttackAsync("feedback.list", async () =>
        {
            var pages = await AllPagesAsync(t => feedback.ListAsync(bobsKey, new FeedbackQuery { PageSize = 1, ContinuationToken = t }, Ct));
            pages.Should().NotContain(f => f.Project.Owner != bob);
            return null;
        });
        await AttackAsync("feedback.list_by_status", async () =>
        {
            foreach (var status in Enum.GetValues<FeedbackStatus>())
            {
                var pages = await AllPagesAsync(t => feedback.ListByStatusAsync(bobsKey, status, new FeedbackQuery { PageSize = 1, ContinuationToken = t }, Ct));
                pages.Should().NotContain(f => f.Project.Owner != bob);
            }

            return null;
        });
        await AttackAsync("feedback.list (alice's cursor)", async () =>
        {
            var token = (await feedback.ListAsync(alicesProject, new FeedbackQuery { PageSize = 2 }, Ct)).ContinuationToken!;
            var (_, error) = await Outcomes.TryAsync(() => feedback.ListAsync(bobsKey, new FeedbackQuery { PageSize = 2, ContinuationToken = token }, Ct));
            return error.Should().BeOfType<InvalidContinuationTokenException>("the token is bound to alice's query").Subject;
        });
        await AttackAsync("feedback.list_by_status (alice's cursor)", async () =>
        {
            var token = (await feedback.ListByStatusAsync(alicesProject, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2 }, Ct)).ContinuationToken!;
            var (_, error) = await Outcomes.TryAsync(() => feedback.ListByStatusAsync(bobsKey, FeedbackStatus.Open, new FeedbackQuery { PageSize = 2, ContinuationToken = token }, Ct));
            return error.Should().BeOfType<InvalidContinuationTokenException>("the token is bound to alice's query").Subject;
        });
        await AttackAsync("feedback.list (bob's cursor steering alice's query)", async () =>
        {
            var token = (await feedback.ListAsync(bobsKey, new FeedbackQuery { PageSize = 1 }, Ct)).ContinuationToken;
            if (token is null)
            {
                // Bob has no page to hand over: fabricate one in the token's shape.
                token = "AQ" + new string('A', 80);
            }

            var (_, error) = await Outcomes.TryAsync(() => feedback.ListAsync(alicesProject, new FeedbackQuery { PageSize = 1, ContinuationToken = token }, Ct));
            return error.Should().BeOfType<InvalidContinuationTokenException>().Subject;
        });
        foreach (var expected in new FeedbackStatus?[] { null, FeedbackStatus.Open, FeedbackStatus.Resolved })
        {
            await AttackAsync($"feedback.update_status (expected {expected?.ToString() ?? "none"})", async () =>
            {
                var (_, error) = await Outcomes.TryAsync(() => feedback.UpdateStatusAsync(bobsKey, target.Id, FeedbackStatus.Resolved, expected, Ct));
                return error.Should().BeOfType<TapkoNotFoundException>("another owner's item looks missing, never like a conflict").Subject;
            });
        }

        await AttackAsync("feedback.delete", async () =>
        {
            (await feedback.DeleteAsync(bobsKey, target.Id, Ct)).Should().BeFalse();
            return null;
        });
    }

    /// <summary>
    /// Bob's key for alice's project id. Bob has a project of his own; when he squats, he first tries to create a project
    /// under alice's id and to submit to it, and is refused both times.
    /// </summary>
    private async Task<ProjectKey> ArrangeBobAsync(bool squat)
    {
        var key = new ProjectKey(bob, alicesProject.ProjectId);
        await projects.CreateAsync(new ProjectKey(bob, ProjectId.New()), "bob's other", cancellationToken: Ct);
        if (squat)
        {
            var take = () => projects.CreateAsync(key, "bob's", cancellationToken: Ct);
            var fill = () => feedback.SubmitAsync(key, new NewFeedback("bob 1"), Ct);
            await take.Should().ThrowAsync<DuplicateItemException>();
            await fill.Should().ThrowAsync<TapkoNotFoundException>();
        }

        return key;
    }

    /// <summary>Runs one attack and checks that alice's items are byte for byte unchanged and that nothing of hers leaked.</summary>
    private async Task AttackAsync(string method, Func<Task<Exception?>> attack)
    {
        var before = await AlicesItemsAsync();
        var error = await attack();
        var after = await AlicesItemsAsync();
        var changed = before.Except(after).Count() + after.Except(before).Count();
        var leaked = Outcomes.Chain(error).Count(Leaks);
        ReliabilityTally.Violation("cross-tenant-accepted", changed + leaked);
        after.Should().BeEquivalentTo(before, "{0} by another owner must not change alice's data", method);
        leaked.Should().Be(0, "{0} by another owner must not carry alice's data in its exception", method);
        Interlocked.Increment(ref attempts);
        ReliabilityTally.OperationChecked("cross-tenant attempt (" + method.Split(' ')[0] + ")");
        ReliabilityTally.InvariantChecked("other owner's data unchanged and unread");
    }

    private static bool Leaks(Exception e) =>
        e.ToString().Contains(Secret, StringComparison.Ordinal)
        || (e is ConditionalCheckFailedException { Item: { } item } && Render(item).Contains(Secret, StringComparison.Ordinal))
        || (e is TransactionCanceledException cancelled && (cancelled.CancellationReasons ?? []).Any(r => r?.Item is { } i && Render(i).Contains(Secret, StringComparison.Ordinal)));

    private async Task<List<string>> AlicesItemsAsync() =>
        (await ScanAsync()).Where(i => i["userId"].S == alice.Value).Select(Render).ToList();

    private static string Render(Dictionary<string, AttributeValue> item) =>
        string.Join("|", item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            $"{p.Key}={p.Value.S ?? p.Value.N ?? p.Value.BOOL?.ToString() ?? (p.Value.M is { } m ? string.Join(",", m.Select(e => e.Key + ":" + e.Value.S)) : "?")}"));

    private static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<Page<T>>> list)
    {
        var all = new List<T>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await list(token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            (++pages).Should().BeLessThan(100);
        }
        while (token is not null);

        return all;
    }
}
