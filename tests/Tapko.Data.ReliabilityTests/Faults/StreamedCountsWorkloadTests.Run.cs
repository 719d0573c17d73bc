using Amazon.DynamoDBv2.Model;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

public sealed partial class StreamedCountsWorkloadTests
{
    /// <summary>A feedback item of the model.</summary>
    private sealed class Entry(ProjectKey project, string message)
    {
        public ProjectKey Project { get; } = project;

        public string Message { get; } = message;

        public FeedbackStatus Status { get; set; } = FeedbackStatus.Open;
    }

    /// <summary>One life of a slot's project id: its key (a new owner each life) and its feedback shards.</summary>
    private sealed record Life(ProjectKey Key, int Shards);

    /// <summary>
    /// The writers' side of one run, one call at a time, every choice drawn from the run's seed: the projects (one slot per
    /// shard count, each slot's id deleted and taken by a new owner now and then), the model of their feedback, and the
    /// calls, each repeated while it fails with a clear fault, as a caller would. Besides single calls it makes the pairs
    /// that cancel out in the counts (a submission and its delete, a move and its undo), with another project's change
    /// between them: the shape that needs the projector's positions to refuse half a pair delivered again.
    /// </summary>
    private sealed class Workload(StreamedCountsWorkloadTests test, FeedbackStore feedback, ProjectStore projects, Random random)
    {
        private static readonly FeedbackStatus[] Cycle = [FeedbackStatus.Open, FeedbackStatus.InProgress, FeedbackStatus.Resolved];
        private static readonly string[] Counters = ["openCount", "inProgressCount", "resolvedCount"];
        private readonly HashSet<ProjectId> touched = [];
        private int calls;

        public List<Life> Slots { get; } = [];

        public Dictionary<FeedbackId, Entry> Items { get; } = [];

        /// <summary>Every life that was deleted, with the incarnation it had.</summary>
        public List<(ProjectKey Key, string Incarnation)> Ended { get; } = [];

        /// <summary>How many calls of each kind, for the summary.</summary>
        public SortedDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

        public int Calls => calls;

        /// <summary>The projects changed since the last call, then forgotten.</summary>
        public List<ProjectId> TakeTouched()
        {
            var list = touched.OrderBy(p => p.Value, StringComparer.Ordinal).ToList();
            touched.Clear();
            return list;
        }

        /// <summary>Creates the first life of each slot, without faults; ids are drawn from the seed, so the runs of a seed address the same keys.</summary>
        public async Task StartAsync(int seed, int[] shards)
        {
            for (var slot = 0; slot < shards.Length; slot++)
            {
                var key = new ProjectKey(NewOwner("streamed"), ProjectId.Parse($"s{seed}-k{shards[slot]}-{random.Next(1_000_000):D6}"));
                await test.CleanProjects.CreateAsync(key, "Widget", new ProjectOptions { FeedbackShards = shards[slot] }, Ct);
                Slots.Add(new Life(key, shards[slot]));
            }
        }

        /// <summary>One step of the workload: a single call, or a pair that cancels out with another project's change between.</summary>
        public async Task StepAsync(int n)
        {
            var roll = random.Next(100);
            if (roll < 30 || Items.Count < 4)
            {
                await SubmitAsync(RandomSlot(), $"op {n}");
            }
            else if (roll < 52)
            {
                var (id, entry) = RandomItem();
                // Sometimes the status it already has: a move that changes nothing must count nothing.
                await MoveAsync(id, random.Next(5) == 0 ? entry.Status : Next(entry.Status), expecting: random.Next(2) == 0);
            }
            else if (roll < 66)
            {
                await MoveManyAsync();
            }
            else if (roll < 78)
            {
                await DeleteAsync(RandomItem().Key);
            }
            else if (roll < 89)
            {
                // A move and its undo, another project's change between.
                var (id, entry) = RandomItem();
                var was = entry.Status;
                await MoveAsync(id, Next(was), expecting: true);
                await ElsewhereAsync(entry.Project, n);
                await MoveAsync(id, was, expecting: random.Next(2) == 0);
                Count("move-and-undo pairs");
            }
            else
            {
                // A submission and its delete (spam removed), another project's change between.
                var slot = RandomSlot();
                var id = await SubmitAsync(slot, $"spam {n}");
                await ElsewhereAsync(slot.Key, n);
                await DeleteAsync(id);
                Count("submit-and-delete pairs");
            }
        }

        /// <summary>
        /// Deletes a slot's project under faults and has a new owner take its id with <paramref name="shards"/> shards (a
        /// second life), which must start at zero whatever of the first life the projector has not applied yet.
        /// </summary>
        public async Task SecondLifeAsync(int slot, int shards)
        {
            var old = Slots[slot];
            var incarnation = (await test.ClaimAsync(old.Key.ProjectId))!["incarnation"].S;
            await Outcomes.RepeatAsync(() => projects.DeleteAsync(old.Key, Ct));
            foreach (var id in Items.Where(i => i.Value.Project == old.Key).Select(i => i.Key).ToList())
            {
                Items.Remove(id);
            }

            Ended.Add((old.Key, incarnation));
            var taken = new ProjectKey(NewOwner("life"), old.Key.ProjectId);
            await Outcomes.RepeatAsync(async () =>
            {
                try
                {
                    return await projects.CreateAsync(taken, "Second life", new ProjectOptions { FeedbackShards = shards }, Ct);
                }
                catch (DuplicateItemException)
                {
                    // A repeat after an attempt that was applied but whose answer was lost: the project is there.
                    var existing = await test.CleanProjects.GetAsync(taken, Ct);
                    existing.Should().NotBeNull("a duplicate on a repeat means an earlier attempt created it");
                    return existing!;
                }
            });

            var claim = (await test.ClaimAsync(taken.ProjectId))!;
            claim["incarnation"].S.Should().NotBe(incarnation, "a second life is a new incarnation");
            (claim.GetValueOrDefault("feedPos")?.M ?? []).Should().BeEmpty("a second life starts with no stream position");
            Counters.Select(a => claim.GetValueOrDefault(a)?.N ?? "0").Should().OnlyContain(n => n == "0", "a second life starts at zero");
            ReliabilityTally.InvariantChecked("a second life of a project id starts at zero (streamed workload)", 1);
            Slots[slot] = new Life(taken, shards);
            touched.Add(taken.ProjectId);
            Count("project deletes, each followed by a second life of the id", 2);
        }

        private Life RandomSlot() => Slots[random.Next(Slots.Count)];

        private KeyValuePair<FeedbackId, Entry> RandomItem() => Items.ElementAt(random.Next(Items.Count));

        private static FeedbackStatus Next(FeedbackStatus status) => Cycle[(Array.IndexOf(Cycle, status) + 1) % Cycle.Length];

        /// <summary>A change in another project than <paramref name="project"/> (a submission, or a move when it has items).</summary>
        private async Task ElsewhereAsync(ProjectKey project, int n)
        {
            var others = Slots.Where(s => s.Key != project).ToList();
            var other = others[random.Next(others.Count)];
            var theirs = Items.Where(i => i.Value.Project == other.Key).ToList();
            if (theirs.Count == 0 || random.Next(2) == 0)
            {
                await SubmitAsync(other, $"between {n}");
            }
            else
            {
                var (id, entry) = theirs[random.Next(theirs.Count)];
                await MoveAsync(id, Next(entry.Status), expecting: false);
            }
        }

        private async Task<FeedbackId> SubmitAsync(Life life, string message)
        {
            var submission = new NewFeedback(message) { Id = FeedbackId.New() };
            var accepted = await Outcomes.RepeatAsync(() => feedback.SubmitAsync(life.Key, submission, Ct));
            accepted.Id.Should().Be(submission.Id!.Value);
            Items[accepted.Id] = new Entry(life.Key, message);
            Done("submits", life.Key);
            return accepted.Id;
        }

        private async Task MoveAsync(FeedbackId id, FeedbackStatus next, bool expecting)
        {
            var entry = Items[id];
            var updated = await Outcomes.RepeatAsync(async () =>
            {
                try
                {
                    return await feedback.UpdateStatusAsync(entry.Project, id, next, expecting ? entry.Status : null, Ct);
                }
                catch (ConcurrencyConflictException conflict) when (expecting && conflict.Actual == RandomFaultWorkloadTests.Wire(next))
                {
                    // An earlier attempt of this call was applied; its failure was all the caller saw.
                    return (await test.CleanFeedback.GetAsync(entry.Project, id, Ct))!;
                }
            });
            updated.Status.Should().Be(next);
            entry.Status = next;
            Done(expecting ? "single moves expecting a status" : "single moves", entry.Project);
        }

        private async Task MoveManyAsync()
        {
            var project = RandomItem().Value.Project;
            var ids = Items.Where(i => i.Value.Project == project).OrderBy(_ => random.Next()).Take(random.Next(1, 7)).Select(i => i.Key).ToList();
            var target = Cycle[random.Next(Cycle.Length)];
            var results = await Outcomes.RepeatAsync(() => feedback.MoveManyAsync(project, ids, target, cancellationToken: Ct));
            results.Select(r => r.Outcome).Should().OnlyContain(o => o == FeedbackMoveOutcome.Moved);
            ids.ForEach(id => Items[id].Status = target);
            Done("bulk moves", project);
        }

        private async Task DeleteAsync(FeedbackId id)
        {
            var project = Items[id].Project;
            await Outcomes.RepeatAsync(() => feedback.DeleteAsync(project, id, Ct));
            Items.Remove(id);
            Done("feedback deletes", project);
        }

        private void Done(string kind, ProjectKey project)
        {
            Count(kind);
            touched.Add(project.ProjectId);
        }

        private void Count(string kind, int calls = 1)
        {
            Kinds[kind] = Kinds.GetValueOrDefault(kind) + 1;
            ReliabilityTally.Add("streamed." + kind, 1);
            if (!kind.EndsWith("pairs", StringComparison.Ordinal))
            {
                this.calls += calls;
            }
        }
    }

    /// <summary>A project id's claim as stored now (strongly consistent), or <see langword="null"/>.</summary>
    private async Task<Dictionary<string, AttributeValue>?> ClaimAsync(ProjectId id)
    {
        var item = (await Fixture.Client.GetItemAsync(
            new GetItemRequest { TableName = Table, Key = new() { ["PK"] = new() { S = $"PROJECT#{id.Value}" }, ["SK"] = new() { S = "CLAIM" } }, ConsistentRead = true },
            Ct)).Item;
        return item is { Count: > 0 } ? item : null;
    }
}
