using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CsCheck;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Hostile;

/// <summary>
/// Property-based hostile input. Phase 1 samples inputs one at a time through "refusal" stores whose client fails
/// every request at once and counts it: an input is either refused with the documented exception and no request
/// counted, or it reaches the client (accepted). Phase 2 sends every accepted input to DynamoDB Local for real and
/// reads it back: it must come back exactly as given.
/// </summary>
public sealed class HostileInputTests(ReliabilityFixture fixture) : ReliabilityTestBase(fixture, "hostile")
{
    private static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private readonly FaultInjector refusals = new() { Plan = _ => Fault.ProvisionedThroughputExceeded, CountsAsFault = false };
    private Amazon.DynamoDBv2.IAmazonDynamoDB refusalClient = null!;
    private ProjectStore refusalProjects = null!;
    private FeedbackStore refusalFeedback = null!;

    private static long Iterations(long normal) => ReliabilityFixture.Soak ? normal * 10 : normal;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        refusalClient = NewClient(refusals, maxErrorRetry: 0);
        refusalProjects = new ProjectStore(refusalClient, Options());
        refusalFeedback = new FeedbackStore(refusalClient, Options());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        refusals.Dispose();
    }

    [Fact]
    public async Task User_and_project_ids_are_refused_or_stored_under_exactly_their_own_keys()
    {
        var accepted = new ConcurrentBag<string>();
        await HostileGen.Text(100, 300).SampleAsync(
            async text =>
            {
                var owner = UserId.TryParse(text, out _);
                var project = ProjectId.TryParse(text, out _);
                owner.Should().Be(project, "both ids follow the same rules");
                if (!owner)
                {
                    var parse = () => ProjectKey.Parse(text, "p");
                    parse.Should().Throw<ArgumentException>();
                    var parseProject = () => ProjectKey.Parse("u", text);
                    parseProject.Should().Throw<ArgumentException>();
                    await ExpectRefusedAsync("id", () => refusalProjects.GetAsync(default, Ct), typeof(ArgumentException));
                    return;
                }

                await ExpectAcceptedAsync("id", () => refusalProjects.GetAsync(ProjectKey.Parse(text, text), Ct));
                accepted.Add(text);
            },
            iter: Iterations(3_000),
            threads: 1);

        await RoundTripAsync("id", accepted.Distinct(), async text =>
        {
            var key = ProjectKey.Parse(text, text);
            var created = await CleanProjects.CreateAsync(key, "hostile", cancellationToken: Ct);
            var read = await CleanProjects.GetAsync(key, Ct);
            read.Should().Be(created);
            read!.Key.Owner.Value.Should().Be(text);
            read.Key.ProjectId.Value.Should().Be(text);
            (await CleanProjects.ListAsync(key.Owner, cancellationToken: Ct)).Items.Should().ContainSingle().Which.Key.Should().Be(key);
        });

        // Every key the table holds is exactly prefix + id: no id produced another item's key.
        var scanned = await ScanAsync();
        scanned.Should().OnlyContain(i =>
            (i["PK"].S == "USER#" + i["userId"].S && i["SK"].S == "PROJECT#" + i["projectId"].S)
            || (i["PK"].S == "PROJECT#" + i["projectId"].S && i["SK"].S == "CLAIM"), "every project item and every claim sits under exactly its own key");
    }

    [Fact]
    public async Task Feedback_ids_are_refused_unless_they_are_ulids_and_then_read_back_normalised()
    {
        var project = await NewProjectAsync();
        var accepted = new ConcurrentBag<string>();
        var options = Options();
        await HostileGen.FeedbackIdText.SampleAsync(
            async text =>
            {
                if (!FeedbackId.TryParse(text, out var id))
                {
                    var parse = () => FeedbackId.Parse(text);
                    parse.Should().Throw<ArgumentException>();
                    await ExpectRefusedAsync("feedback id", () => refusalFeedback.GetAsync(project, default, Ct), typeof(ArgumentException));
                    return;
                }

                id.ToString().Should().Be(text.ToUpperInvariant());
                await ExpectAcceptedAsync("feedback id", () => refusalFeedback.GetAsync(project, id, Ct));
                accepted.Add(text);

                // As the id of a submission it must also be dated near the store's clock. That clock stands at the
                // instant the test reads, so how long this takes on a busy machine cannot move the store's now away
                // from the test's. Ids within a margin of the window's edges are left out: the edges themselves, to the
                // millisecond, are InputValidationTests' business.
                var now = DateTimeOffset.UtcNow;
                var dated = new FeedbackStore(refusalClient, options, new ClockAt(now));
                var submit = () => dated.SubmitAsync(project, new NewFeedback("dated") { Id = id }, Ct);
                if (id.CreatedAt < now - options.FeedbackIdMaxAge - Margin || id.CreatedAt > now + options.FeedbackIdMaxLead + Margin)
                {
                    await ExpectRefusedAsync("feedback id date", submit, typeof(ArgumentException));
                    (await submit.Should().ThrowAsync<ArgumentException>()).WithMessage("NewFeedback.Id is dated *");
                }
                else if (id.CreatedAt > now - options.FeedbackIdMaxAge + Margin && id.CreatedAt < now + options.FeedbackIdMaxLead - Margin)
                {
                    await ExpectAcceptedAsync("feedback id date", submit);
                }
            },
            iter: Iterations(2_000),
            threads: 1);

        // Every parseable id is stored and read back exactly, submitted by a store whose clock stands at the id's time.
        await RoundTripAsync("feedback id", accepted.Select(t => t.ToUpperInvariant()).Distinct(), async text =>
        {
            var id = FeedbackId.Parse(text);
            var store = new FeedbackStore(Fixture.Client, options, new ClockAt(id.CreatedAt));
            var stored = await store.SubmitAsync(project, new NewFeedback("hostile id") { Id = id }, Ct);
            var read = await CleanFeedback.GetAsync(project, FeedbackId.Parse(text.ToLowerInvariant()), Ct);
            read!.Id.ToString().Should().Be(text);
            read.CreatedAt.Should().Be(stored.CreatedAt);
        });
    }

    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private sealed class ClockAt(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Messages_are_refused_before_sending_or_read_back_exactly()
    {
        var project = await NewProjectAsync();
        var accepted = new ConcurrentBag<string>();
        await HostileGen.Text(9_990, 10_010).SampleAsync(
            async message =>
            {
                var valid = !string.IsNullOrWhiteSpace(message) && message.Length <= NewFeedback.MaxMessageLength && IsWellFormed(message);
                if (!valid)
                {
                    await ExpectRefusedAsync("message", () => refusalFeedback.SubmitAsync(project, new NewFeedback(message), Ct), typeof(ArgumentException));
                    return;
                }

                await ExpectAcceptedAsync("message", () => refusalFeedback.SubmitAsync(project, new NewFeedback(message), Ct));
                accepted.Add(message);
            },
            iter: Iterations(2_500),
            threads: 1);

        await RoundTripAsync("message", accepted, async message =>
        {
            var stored = await CleanFeedback.SubmitAsync(project, new NewFeedback(message) { Id = FeedbackId.New() }, Ct);
            var read = await CleanFeedback.GetAsync(project, stored.Id, Ct);
            read!.Message.Should().Be(message);
            string.CompareOrdinal(read.Message, message).Should().Be(0);
        });
    }

    [Fact]
    public async Task Payloads_are_refused_before_sending_or_read_back_with_the_same_values()
    {
        var project = await NewProjectAsync();
        var accepted = new ConcurrentBag<string>();
        var tooLarge = 0;
        await HostileGen.PayloadJson.SampleAsync(
            async json =>
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
                var submission = new NewFeedback("payload") { Payload = document.RootElement.Clone() };
                var before = refusals.Requests;
                try
                {
                    await refusalFeedback.SubmitAsync(project, submission, Ct);
                }
                catch (Exception e) when (e is ArgumentException or ItemTooLargeException)
                {
                    refusals.Requests.Should().Be(before, "a refused payload sends nothing ({0})", e.Message);
                    Interlocked.Increment(ref tooLarge);
                    ReliabilityTally.Input("payload", refused: true);
                    return;
                }
                catch (Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException)
                {
                    refusals.Requests.Should().Be(before + 1);
                }

                accepted.Add(json);
            },
            iter: Iterations(1_500),
            threads: 1);

        await RoundTripAsync("payload", accepted, async json =>
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var stored = await CleanFeedback.SubmitAsync(project, new NewFeedback("payload") { Payload = document.RootElement.Clone(), Id = FeedbackId.New() }, Ct);
            var read = await CleanFeedback.GetAsync(project, stored.Id, Ct);
            JsonSemantics.AreEqual(read!.Payload!.Value, document.RootElement).Should().BeTrue("the payload reads back with the same values: {0}", Shorten(json));
        });
    }

    [Fact]
    public async Task Modified_truncated_and_foreign_cursors_are_refused_before_sending()
    {
        var alice = await NewProjectAsync(NewOwner("alice"));
        var bob = await NewProjectAsync(NewOwner("bob"));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => CleanFeedback.SubmitAsync(alice, new NewFeedback($"a{i}"), Ct)));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => CleanFeedback.SubmitAsync(bob, new NewFeedback($"b{i}"), Ct)));
        await NewProjectAsync(alice.Owner);
        await NewProjectAsync(alice.Owner);

        foreach (var signed in new[] { false, true })
        {
            var options = Options(o => o.CursorSigningKey = signed ? SigningKey : null);
            var producer = new FeedbackStore(Fixture.Client, options);
            var projectProducer = new ProjectStore(Fixture.Client, options);
            var refusal = new FeedbackStore(NewClient(refusals, maxErrorRetry: 0), options);
            var page = new FeedbackQuery { PageSize = 2 };
            var genuine = (await producer.ListAsync(alice, page, Ct)).ContinuationToken!;
            var foreign = new[]
            {
                (await producer.ListAsync(bob, page, Ct)).ContinuationToken!,
                (await producer.ListByStatusAsync(alice, FeedbackStatus.Open, page, Ct)).ContinuationToken!,
                (await producer.ListAsync(alice, page with { Order = SortOrder.OldestFirst }, Ct)).ContinuationToken!,
                (await producer.ListAsync(alice, page with { CreatedFrom = DateTimeOffset.UnixEpoch }, Ct)).ContinuationToken!,
                (await projectProducer.ListAsync(alice.Owner, new ProjectQuery { PageSize = 1 }, Ct)).ContinuationToken!,
                (await new FeedbackStore(Fixture.Client, Options(o => o.CursorSigningKey = signed ? null : SigningKey)).ListAsync(alice, page, Ct)).ContinuationToken!,
            };

            // The genuine token is accepted (it reaches the client), so refusals below are about the changes.
            await ExpectAcceptedAsync("cursor (genuine)", () => refusal.ListAsync(alice, page with { ContinuationToken = genuine }, Ct));

            var forged = 0;
            await CursorGen(genuine, foreign).SampleAsync(
                async token =>
                {
                    if (token == genuine)
                    {
                        return;
                    }

                    var before = refusals.Requests;
                    try
                    {
                        await refusal.ListAsync(alice, page with { ContinuationToken = token }, Ct);
                    }
                    catch (InvalidContinuationTokenException)
                    {
                        refusals.Requests.Should().Be(before);
                        ReliabilityTally.Input("cursor", refused: true);
                        return;
                    }
                    catch (Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException)
                    {
                    }

                    Interlocked.Increment(ref forged);
                    ReliabilityTally.Violation("forged-cursors-accepted", 1);
                    throw new Xunit.Sdk.XunitException($"A changed or foreign cursor was accepted: {token}");
                },
                iter: Iterations(2_000),
                threads: 1);
            forged.Should().Be(0);
        }
    }

    [Fact]
    public async Task Page_sizes_and_ranges_outside_the_rules_are_refused_before_sending()
    {
        var project = new ProjectKey(NewOwner(), ProjectId.New());
        await Gen.Int[-5, 1_010].Select(Gen.Int[-3, 3], (size, range) => (size, range)).SampleAsync(
            async input =>
            {
                var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var query = new FeedbackQuery
                {
                    PageSize = input.size,
                    CreatedFrom = input.range < 0 ? from : null,
                    CreatedTo = input.range switch { -3 => from.AddDays(-1), -2 => DateTimeOffset.UnixEpoch.AddDays(-1), _ => null },
                };
                var valid = input.size is >= 1 and <= PageLimits.MaxPageSize && input.range is not -3;
                var before = refusals.Requests;
                var act = () => refusalFeedback.ListAsync(project, query, Ct);
                if (!valid)
                {
                    await act.Should().ThrowAsync<ArgumentException>();
                    refusals.Requests.Should().Be(before);
                    ReliabilityTally.Input("page size and range", refused: true);
                }
            },
            iter: Iterations(1_000),
            threads: 1);
    }

    /// <summary>Cursors built from a genuine one: truncated, a character changed, grown, spliced with a foreign one, random.</summary>
    private static Gen<string> CursorGen(string genuine, string[] foreign) =>
        Gen.Int[0, 9].Select(Gen.Int[0, genuine.Length - 1], Gen.Int[0, foreign.Length - 1], Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/#. \0é"], Gen.Int[0, 2_000], (how, at, which, c, n) => how switch
        {
            0 => genuine[..at],
            1 => genuine[..at] + c + genuine[(at + 1)..],
            2 => genuine + c,
            3 => genuine.Insert(at, c.ToString()),
            4 => foreign[which],
            5 => foreign[which][..Math.Min(at, foreign[which].Length)] + genuine[Math.Min(at, genuine.Length)..],
            6 => new string(c, n),
            7 => string.Empty,
            8 => genuine.Remove(at, 1),
            _ => new string(genuine.Reverse().ToArray()),
        });

    private async Task ExpectRefusedAsync<T>(string kind, Func<Task<T>> call, Type documented)
    {
        var before = refusals.Requests;
        Exception? error = null;
        try
        {
            await call();
        }
        catch (Exception e)
        {
            error = e;
        }

        error.Should().BeAssignableTo(documented);
        var sent = refusals.Requests - before;
        ReliabilityTally.Violation("requests-sent-for-refused-input", sent);
        sent.Should().Be(0, "a refused {0} sends nothing", kind);
        ReliabilityTally.Input(kind, refused: true);
    }

    private async Task ExpectAcceptedAsync<T>(string kind, Func<Task<T>> call)
    {
        var before = refusals.Requests;
        var act = call;
        await act.Should().ThrowAsync<Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException>("an accepted {0} reaches the client", kind);
        refusals.Requests.Should().Be(before + 1);
    }

    /// <summary>Sends every accepted input for real, eight at a time; each must read back exactly.</summary>
    private static async Task RoundTripAsync(string kind, IEnumerable<string> inputs, Func<string, Task> roundTrip)
    {
        var failures = new ConcurrentBag<string>();
        var count = 0;
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (input, _) =>
        {
            try
            {
                await roundTrip(input);
                Interlocked.Increment(ref count);
            }
            catch (Exception e)
            {
                failures.Add($"{Shorten(input)} -> {e.GetType().Name}: {Shorten(e.Message)}");
            }
        });

        failures.Should().BeEmpty("every accepted {0} is stored and read back exactly", kind);
        count.Should().BeGreaterThan(0, "some generated {0} inputs are valid", kind);
        ReliabilityTally.Input(kind, refused: false, count);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text)
    {
        var escaped = string.Concat(text.Take(120).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString(CultureInfo.InvariantCulture)));
        return text.Length > 120 ? $"{escaped}... ({text.Length} chars)" : escaped;
    }
}
