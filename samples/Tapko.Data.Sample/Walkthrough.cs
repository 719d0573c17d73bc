using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tapko.Data;

namespace Tapko.Data.Sample;

/// <summary>A realistic day of a multi-tenant feedback product, each step using one store pattern, then its cost.</summary>
internal sealed class Walkthrough(IAmazonDynamoDB client, string table, SampleOptions options, TextWriter output)
{
    private const int Width = 78;
    private readonly Stopwatch sinceLastWrite = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var meter = new CostMeter(table);

        // A host as a service would build it: the stores, and the change feed's projector as a hosted service, which
        // keeps the status counts from the table's stream while the walkthrough writes.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(client);
        builder.Services.AddTapkoStore(o => o.TableName = table);
        builder.Services.AddTapkoProjector(o => o.PollInterval = TimeSpan.FromMilliseconds(200));
        using var host = builder.Build();
        var projects = host.Services.GetRequiredService<IProjectStore>();
        var feedback = host.Services.GetRequiredService<IFeedbackStore>();

        Step("1. The table");
        var created = await host.Services.GetRequiredService<TapkoTableClient>().EnsureTableAsync(cancellationToken: cancellationToken);
        Line($"Table '{table}' {(created ? "created" : "already there")} (PK/SK, sparse GSI1, stream, TTL).");
        await host.StartAsync(cancellationToken);
        Line("The hosted projector reads the table's stream (AddTapkoProjector).");

        Step("2. Two owners sign up and create projects");
        var alice = UserId.Parse("alice");
        var bob = UserId.Parse("bob");
        var site = new ProjectKey(alice, ProjectId.New());
        var app = new ProjectKey(alice, ProjectId.New());
        var docs = new ProjectKey(bob, ProjectId.New());
        await projects.CreateAsync(site, "Marketing site", cancellationToken: cancellationToken);
        await projects.CreateAsync(app, "Mobile app", cancellationToken: cancellationToken);
        await projects.CreateAsync(docs, "Docs portal", cancellationToken: cancellationToken);
        await foreach (var p in projects.ListAllAsync(alice, cancellationToken))
        {
            Line($"alice owns {p.Name,-16} {p.Key.ProjectId}  collecting={p.IsCollectingFeedback}");
        }

        Line("bob owns   Docs portal");
        try
        {
            await projects.CreateAsync(site, "Marketing site", cancellationToken: cancellationToken);
        }
        catch (DuplicateItemException)
        {
            Line("Creating alice's site twice: DuplicateItemException (HTTP 409).");
        }

        try
        {
            // The site's id is public (it is in the widget's page), so bob can try to take it.
            await projects.CreateAsync(new ProjectKey(bob, site.ProjectId), "Squatted", cancellationToken: cancellationToken);
            throw new InvalidOperationException("Another owner took a project id that was already held.");
        }
        catch (DuplicateItemException)
        {
            Line("bob creating a project under alice's site id: taken (409).");
        }

        Step($"3. The site's widget receives a burst of {options.Submissions} submissions");
        Line("The widget knows only the project id; the store finds the owner from");
        Line("the id's claim, once, then from its cache.");
        var generator = new FeedbackGenerator(seed: 7);
        var submissions = Enumerable.Range(0, options.Submissions).Select(_ => generator.Next()).ToList();
        var stored = new List<FeedbackId>(submissions.Count);
        var progress = new Progress(output, submissions.Count);
        await Parallel.ForEachAsync(
            submissions,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (submission, ct) =>
            {
                var receipt = await feedback.SubmitFromWidgetAsync(site.ProjectId, submission, ct);
                lock (stored)
                {
                    stored.Add(receipt.Id);
                    progress.Report(stored.Count);
                }
            });
        await feedback.SubmitAsync(app, new NewFeedback("The app crashes when I rotate the phone."), cancellationToken);
        await feedback.SubmitAsync(docs, new NewFeedback("A typo in the quick start."), cancellationToken);
        Line($"Stored {stored.Count} on the site, 1 on the app, 1 on bob's docs.");

        var retry = submissions[0] with { Id = FeedbackId.New() };
        var first = await feedback.SubmitAsync(site, retry, cancellationToken);
        var again = await feedback.SubmitAsync(site, retry, cancellationToken);
        Line($"A retried submission (same id) came back as {(again == first ? "the stored one" : "a different one!")}; no duplicate.");
        stored.Add(first.Id);

        Step("4. The owner closes collection; a late submission is refused");
        var closed = await projects.SetCollectingFeedbackAsync(site, false, cancellationToken);
        Line($"Site collecting={closed.IsCollectingFeedback} (version {closed.Version}), one UpdateItem, no read.");
        try
        {
            await feedback.SubmitAsync(site, new NewFeedback("Too late?"), cancellationToken);
            throw new InvalidOperationException("A submission was accepted while collection was closed.");
        }
        catch (FeedbackCollectionClosedException)
        {
            Line($"Late submission: {nameof(FeedbackCollectionClosedException)} -> HTTP 400.");
        }

        await projects.SetCollectingFeedbackAsync(site, true, cancellationToken);
        stored.Add((await feedback.SubmitAsync(site, new NewFeedback("Back open: the form works again."), cancellationToken)).Id);
        Line("Collection reopened; the next submission was accepted.");

        Step("5. Triage: newest first, a page at a time");
        var page = await feedback.ListAsync(site, new FeedbackQuery { PageSize = 5 }, cancellationToken);
        foreach (var item in page.Items)
        {
            Line($"{item.CreatedAt:HH:mm:ss.fff}  {item.Status.ToWireName(),-11} {Fit(item.Message, Width - 26)}");
        }

        var total = 0;
        await foreach (var _ in feedback.ListAllAsync(site, new FeedbackQuery { PageSize = 100 }, cancellationToken))
        {
            total++;
        }

        Line($"Streamed all {total} items, 100 a page (ListAllAsync).");
        Line($"A page token is opaque and bound to its query: {Fit(page.ContinuationToken ?? "-", 20)}");

        Step("6. Triage: work through the open items by status");
        await PrintStatusCountsAsync(feedback, site, new FeedbackStatusCounts(stored.Count, 0, 0), cancellationToken);
        var oldestOpen = await feedback.ListByStatusAsync(site, FeedbackStatus.Open, new FeedbackQuery { Order = SortOrder.OldestFirst, PageSize = 60 }, cancellationToken);
        var toProgress = oldestOpen.Items.Take(40).ToList();
        var toResolve = oldestOpen.Items.Skip(40).Take(20).ToList();
        var moved = await feedback.MoveManyAsync(site, [.. toProgress.Select(i => i.Id)], FeedbackStatus.InProgress, FeedbackStatus.Open, cancellationToken);
        foreach (var item in toResolve)
        {
            await feedback.UpdateStatusAsync(site, item.Id, FeedbackStatus.Resolved, cancellationToken: cancellationToken);
        }

        Line($"Moved {moved.Count(r => r.Outcome == FeedbackMoveOutcome.Moved)} open -> in-progress in one bulk move,");
        Line($"and {toResolve.Count} -> resolved one at a time: each one UpdateItem, no read.");
        await PrintStatusCountsAsync(feedback, site, new FeedbackStatusCounts(stored.Count - toProgress.Count - toResolve.Count, toProgress.Count, toResolve.Count), cancellationToken);
        try
        {
            await feedback.UpdateStatusAsync(site, toProgress[0].Id, FeedbackStatus.Resolved, FeedbackStatus.Open, cancellationToken);
        }
        catch (ConcurrencyConflictException e)
        {
            Line($"A stale update expecting 'open' was refused: it is '{e.Actual}' (409).");
        }

        var one = await feedback.GetAsync(site, toProgress[0].Id, cancellationToken);
        Line($"GetItem of one: {one!.Status.ToWireName()}, updated {one.UpdatedAt:HH:mm:ss.fff}, payload page {one.Payload?.GetProperty("page")}.");

        Step("7. Bob tries to read and change alice's feedback");
        var bobsView = new ProjectKey(bob, site.ProjectId);
        var target = stored[0];
        Line($"bob GetAsync(alice's item)      -> {((await feedback.GetAsync(bobsView, target, cancellationToken)) is null ? "null (not found)" : "LEAK")}");
        try
        {
            await feedback.UpdateStatusAsync(bobsView, target, FeedbackStatus.Resolved, cancellationToken: cancellationToken);
            throw new InvalidOperationException("Another owner changed the feedback.");
        }
        catch (TapkoNotFoundException)
        {
            Line("bob UpdateStatusAsync(...)      -> TapkoNotFoundException (HTTP 404)");
        }

        var bobsList = await feedback.ListAsync(bobsView, cancellationToken: cancellationToken);
        Line($"bob ListAsync(alice's project)  -> {bobsList.Items.Count} items");
        try
        {
            await feedback.ListAsync(bobsView, new FeedbackQuery { PageSize = 5, ContinuationToken = page.ContinuationToken }, cancellationToken);
            throw new InvalidOperationException("Another owner's continuation token was accepted.");
        }
        catch (InvalidContinuationTokenException)
        {
            Line("bob reuses alice's page token   -> InvalidContinuationTokenException");
        }

        Line($"bob DeleteAsync(alice's item)   -> {await feedback.DeleteAsync(bobsView, target, cancellationToken)}");

        Step("8. Housekeeping");
        var renamed = await projects.RenameAsync(app, "Mobile app (beta)", (await projects.GetAsync(app, cancellationToken))!.Version, cancellationToken);
        Line($"Renamed to '{renamed.Name}' at version {renamed.Version} (optimistic concurrency).");
        Line($"Deleted one feedback item: {await feedback.DeleteAsync(site, stored[^1], cancellationToken)}.");
        var removed = await projects.DeleteAsync(app, cancellationToken);
        Line($"Deleted the app project and its {removed} feedback item (batched).");

        Step("9. What it cost (read from the Tapko.Data meter)");
        await host.StopAsync(cancellationToken);
        PrintCosts(meter.Snapshot());
    }

    /// <summary>
    /// The counts once the hosted projector has applied the walkthrough's writes (it knows what they should be), and how
    /// long after the last write that was: streamed counts follow the writes, they are not part of them.
    /// </summary>
    private async Task PrintStatusCountsAsync(IFeedbackStore feedback, ProjectKey project, FeedbackStatusCounts expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        sinceLastWrite.Restart();
        while (true)
        {
            try
            {
                var counts = (await feedback.GetStatusCountsAsync(project, cancellationToken))!;
                if (counts == expected || deadline.Elapsed > TimeSpan.FromMinutes(1))
                {
                    Line($"Counts (one GetItem): open {counts.Open}, in-progress {counts.InProgress}, resolved {counts.Resolved}");
                    Line($"kept by the projector {sinceLastWrite.Elapsed.TotalSeconds:0.0} s after the last write, as of {counts.AsOf:HH:mm:ss}.");
                    return;
                }
            }
            catch (StatusCountsUnavailableException) when (deadline.Elapsed < TimeSpan.FromMinutes(1))
            {
                // The projector has not reported yet: it started a moment ago.
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private void PrintCosts(IReadOnlyDictionary<string, CostMeter.Totals> costs)
    {
        Line($"{"pattern",-24}{"calls",6}{"RCU",8}{"WCU",8}{"RCU/call",10}{"WCU/call",10}{"p50 ms",9}");
        Line(new string('-', 75));
        foreach (var (operation, totals) in costs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var calls = Math.Max(totals.Calls, 1);
            Line(string.Create(
                CultureInfo.InvariantCulture,
                $"{operation,-24}{totals.Calls,6}{totals.ReadUnits,8:0.0}{totals.WriteUnits,8:0.0}{totals.ReadUnits / calls,10:0.00}{totals.WriteUnits / calls,10:0.00}{totals.MedianMilliseconds,9:0.0}"));
        }

        Line("Latency is local (DynamoDB Local on this machine), not AWS; units are exact.");
    }

    private void Step(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    private void Line(string text) => output.WriteLine("  " + Fit(text, Width - 2));

    private static string Fit(string text, int width)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= width ? flat : flat[..(width - 3)] + "...";
    }

    /// <summary>A one-line progress bar on a terminal; quarter marks when the output is redirected.</summary>
    private sealed class Progress(TextWriter output, int total)
    {
        private readonly bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int lastQuarter;

        public void Report(int done)
        {
            if (interactive)
            {
                var filled = done * 40 / total;
                output.Write($"\r  [{new string('#', filled)}{new string('.', 40 - filled)}] {done}/{total}");
                if (done == total)
                {
                    output.WriteLine($"  {clock.Elapsed.TotalSeconds:0.0} s");
                }

                return;
            }

            var quarter = done * 4 / total;
            if (quarter > lastQuarter)
            {
                lastQuarter = quarter;
                output.WriteLine($"  ... {done}/{total} submitted");
            }
        }
    }
}
