using System.Diagnostics;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;
using Tapko.Data.Benchmarks.Suites;

namespace Tapko.Data.Benchmarks.Sampling;

/// <summary>
/// Capacity is deterministic per call but not per pattern: it depends on which items a call touches. This runs many
/// calls of every pattern in every design, on every dataset (sizes and generator seeds), with page reads spread over
/// every project that has a full page, and keeps each call's units on their own, checked against the rules call by
/// call. BenchmarkDotNet's suite measures time; this measures what a call costs and how much that varies.
/// </summary>
public sealed class CapacitySampler(CapacityListener listener, int callsPerPattern)
{
    /// <summary>
    /// A Scan of a 10k-item table takes about 2 s on DynamoDB Local and of a 100k one several minutes; its cost barely
    /// varies (the table does not change), so the Scan baseline's table-reading patterns take few calls, and none at
    /// 100k items, where the latency suite's single call is the figure.
    /// </summary>
    private static int ScanCalls(int items, int calls) => items >= 100_000 ? 0 : items >= 10_000 ? 1 : Math.Min(3, calls);

    public async Task<List<CallSample>> SampleAsync(Dataset data)
    {
        var samples = new List<CallSample>();
        var started = Stopwatch.StartNew();
        foreach (var kind in Enum.GetValues<DesignKind>())
        {
            var workload = new Workload(data, kind);
            var design = workload.Design;
            (design as TapkoDesign)?.Warm(data.Projects);
            var listProjects = workload.FullPageProjects(byStatus: false);
            var statusProjects = workload.FullPageProjects(byStatus: true);
            (string Pattern, bool ReadsTable, Func<int, Task<PreparedCall>> Next)[] patterns =
            [
                (nameof(AccessPatternBenchmarks.CreateProject), false, _ =>
                {
                    var (p, e) = workload.NextCreate();
                    return Ready(e, -1, 0, () => design.CreateProjectAsync(p));
                }),
                (nameof(AccessPatternBenchmarks.ToggleCollecting), false, _ =>
                {
                    var (p, e) = workload.NextToggle();
                    return Ready(e, -1, 0, () => design.SetCollectingAsync(p, false));
                }),
                (nameof(AccessPatternBenchmarks.Submit), false, _ =>
                {
                    var (f, e) = workload.NextSubmit();
                    return Ready(e, -1, 0, () => design.SubmitAsync(f));
                }),
                (nameof(AccessPatternBenchmarks.GetFeedback), false, _ =>
                {
                    var (f, e) = workload.NextGet();
                    return Ready(e, -1, 0, () => design.GetAsync(f.Project, f.Id));
                }),
                (nameof(AccessPatternBenchmarks.ListPage), true, i =>
                {
                    var index = Spaced(listProjects, i);
                    var (p, e) = workload.NextList(index);
                    return Ready(e, index, data.ByProject[index].Length, () => design.ListAsync(p, Workload.PageSize));
                }),
                (nameof(AccessPatternBenchmarks.StatusPage), true, i =>
                {
                    var index = Spaced(statusProjects, i);
                    var (p, e) = workload.NextListByStatus(index);
                    return Ready(e, index, data.ByProject[index].Length, () => design.ListByStatusAsync(p, Workload.FilteredStatus, Workload.PageSize));
                }),
                (nameof(AccessPatternBenchmarks.UpdateStatus), false, _ =>
                {
                    var (f, s, e) = workload.NextUpdateStatus();
                    return Ready(e, -1, 0, () => design.UpdateStatusAsync(f.Project, f.Id, s));
                }),
                (nameof(AccessPatternBenchmarks.DeleteProject), true, async _ =>
                {
                    var (p, e) = await workload.NextDeleteAsync().ConfigureAwait(false);
                    return new PreparedCall(e, -1, Workload.DoomedProjectItems, () => design.DeleteProjectAsync(p));
                }),
            ];
            if (kind == DesignKind.Tapko)
            {
                patterns = [.. patterns, .. TapkoPatterns.For(new CountedWorkload(workload)),
                    .. TapkoPatterns.OnRows(new RowsWorkload(workload), i => Spaced(statusProjects, i), p => data.ByProject[p].Length)];
            }

            if (design is MultiTableGsiDesign gsi)
            {
                // The baseline with the submit guarantees of read-then-write, to set against the library's cheaper submits.
                patterns = [.. patterns, (TapkoPatterns.SubmitReadThenWrite, false, _ =>
                {
                    var (f, project) = workload.NewSubmission();
                    var expected = CountedCostModel.ReadThenWriteSubmit(data.ProjectBytes(kind, project), data.FeedbackBytes(kind, f));
                    return Ready(expected, -1, 0, () => gsi.SubmitReadThenWriteAsync(f));
                })];
            }

            foreach (var (pattern, readsTable, next) in patterns)
            {
                var calls = readsTable && kind == DesignKind.MultiTableScan ? ScanCalls(data.Items, callsPerPattern) : callsPerPattern;
                if (pattern == nameof(AccessPatternBenchmarks.StatusPage) && statusProjects.Count == 0)
                {
                    continue;
                }

                for (var i = 0; i < calls; i++)
                {
                    var prepared = await next(i).ConfigureAwait(false);
                    listener.Reset(design.Tables);
                    await prepared.Call().ConfigureAwait(false);
                    var (measured, scans) = listener.Snapshot();
                    await workload.RestoreAsync().ConfigureAwait(false);
                    var sample = new CallSample(pattern, kind.ToString(), data.Items, data.Seed, prepared.ProjectRank, prepared.ProjectItems, measured, prepared.Expected, scans);
                    if (sample.Disagreements.Count > 0)
                    {
                        Console.WriteLine($"  FLAG {pattern} / {kind} / {data.Items:N0} seed {data.Seed}: {string.Join("; ", sample.Disagreements)}");
                    }

                    samples.Add(sample);
                }
            }
        }

        Console.WriteLine($"  sampled {samples.Count} calls of {data.Items:N0} items, seed {data.Seed}, in {started.Elapsed.TotalSeconds:F1} s");
        return samples;
    }

    /// <summary>The i-th of the calls' projects: every project in turn when there are fewer than calls, else evenly spaced from the largest to the smallest.</summary>
    private int Spaced(IReadOnlyList<int> projects, int i) =>
        projects.Count <= callsPerPattern ? projects[i % projects.Count] : projects[(int)((long)i * projects.Count / callsPerPattern)];

    internal static Task<PreparedCall> Ready(Units expected, int projectRank, int projectItems, Func<Task> call) => Task.FromResult(new PreparedCall(expected, projectRank, projectItems, call));
}
