using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Suites;

/// <summary>
/// The eight access patterns against DynamoDB Local, for every design and dataset size. One invocation per
/// iteration (the monitoring strategy), because most patterns need a fresh target and a restore around each call;
/// a call takes milliseconds, far above the timer's resolution. Run it through <see cref="Runs"/>, which gives the
/// calls that scan the largest table a single-call job.
/// </summary>
public class AccessPatternBenchmarks
{
    private Workload workload = null!;
    private IDesign design = null!;
    private Func<Task<Units>>? prepare;
    private object? target;
    private Units expected;

    [ParamsAllValues]
    public DesignKind Design { get; set; }

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    public static IEnumerable<int> Sizes => RunSettings.Current.Sizes;

    /// <summary>
    /// The cases, each with its job: on DynamoDB Local a Scan page costs time in proportion to the table (about 1.7 s
    /// per 1 MB page at 100k items), so a call that scans the largest table takes minutes and is measured once.
    /// </summary>
    public static BenchmarkRunInfo[] Runs(RunSettings settings)
    {
        var largest = settings.Sizes.Max();
        bool ScansLargest(BenchmarkCase c) =>
            c.Parameters["Design"] is DesignKind.MultiTableScan && c.Parameters["Items"] is int items && items == largest && items >= 10_000
            && c.Descriptor.WorkloadMethod.Name is nameof(ListPage) or nameof(StatusPage) or nameof(DeleteProject);

        var repeated = BenchmarkConverter.TypeToBenchmarks(typeof(AccessPatternBenchmarks), Configs.AccessPatterns(settings));
        var once = BenchmarkConverter.TypeToBenchmarks(typeof(AccessPatternBenchmarks), Configs.AccessPatterns(settings, singleCall: true));
        BenchmarkRunInfo[] runs =
        [
            new([.. repeated.BenchmarksCases.Where(c => !ScansLargest(c))], repeated.Type, repeated.Config),
            new([.. once.BenchmarksCases.Where(ScansLargest)], once.Type, once.Config),
        ];
        return [.. runs.Where(r => r.BenchmarksCases.Length > 0)];
    }

    [GlobalSetup]
    public void Setup()
    {
        workload = new Workload(Datasets.Get(Items), Design);
        design = workload.Design;

        // The owner cache keeps an entry for ProjectOwnerCacheLifetime (5 minutes); cases run long after seeding, so each
        // starts from the steady state of a service that has seen the projects recently.
        (design as TapkoDesign)?.Warm(workload.Data.Projects);
        CaseLedger.Start(design.Tables);
    }

    [GlobalCleanup]
    public void Cleanup() => CaseLedger.Finish(Design.ToString(), Items);

    [IterationSetup(Target = nameof(CreateProject))]
    public void PrepareCreate() => Prepare(() => Task.FromResult(Keep(workload.NextCreate())));

    [IterationSetup(Target = nameof(ToggleCollecting))]
    public void PrepareToggle() => Prepare(() => Task.FromResult(Keep(workload.NextToggle())));

    [IterationSetup(Target = nameof(Submit))]
    public void PrepareSubmit() => Prepare(() => Task.FromResult(Keep(workload.NextSubmit())));

    [IterationSetup(Target = nameof(GetFeedback))]
    public void PrepareGet() => Prepare(() => Task.FromResult(Keep(workload.NextGet())));

    [IterationSetup(Target = nameof(ListPage))]
    public void PrepareList() => Prepare(() => Task.FromResult(Keep(workload.NextList())));

    [IterationSetup(Target = nameof(StatusPage))]
    public void PrepareStatus() => Prepare(() => Task.FromResult(Keep(workload.NextListByStatus())));

    [IterationSetup(Target = nameof(UpdateStatus))]
    public void PrepareUpdate() => Prepare(() => Task.FromResult(Keep(workload.NextUpdateStatus())));

    [IterationSetup(Target = nameof(DeleteProject))]
    public void PrepareDelete() => Prepare(async () => Keep(await workload.NextDeleteAsync().ConfigureAwait(false)));

    [IterationCleanup]
    public void Restore() => workload.RestoreAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "create project")]
    public Task CreateProject() => design.CreateProjectAsync(Take<(GeneratedProject P, Units)>().P);

    [Benchmark(Description = "toggle collecting")]
    public Task ToggleCollecting() => design.SetCollectingAsync(Take<(ProjectKey P, Units)>().P, false);

    [Benchmark(Description = "submit")]
    public Task Submit() => design.SubmitAsync(Take<(GeneratedFeedback F, Units)>().F);

    [Benchmark(Description = "get feedback")]
    public Task GetFeedback()
    {
        var (item, _) = Take<(GeneratedFeedback F, Units)>();
        return design.GetAsync(item.Project, item.Id);
    }

    [Benchmark(Description = "list page")]
    public Task ListPage() => design.ListAsync(Take<(ProjectKey P, Units)>().P, Workload.PageSize);

    [Benchmark(Description = "status-filter page")]
    public Task StatusPage() => design.ListByStatusAsync(Take<(ProjectKey P, Units)>().P, Workload.FilteredStatus, Workload.PageSize);

    [Benchmark(Description = "update status")]
    public Task UpdateStatus()
    {
        var (item, status, _) = Take<(GeneratedFeedback F, FeedbackStatus S, Units)>();
        return design.UpdateStatusAsync(item.Project, item.Id, status);
    }

    [Benchmark(Description = "delete project")]
    public Task DeleteProject() => design.DeleteProjectAsync(Take<(ProjectKey P, Units)>().P);

    private void Prepare(Func<Task<Units>> next)
    {
        prepare = next;
        expected = next().GetAwaiter().GetResult();
    }

    private Units Keep<T>(T prepared) where T : struct, System.Runtime.CompilerServices.ITuple
    {
        target = prepared;
        return (Units)prepared[prepared.Length - 1]!;
    }

    /// <summary>
    /// The prepared target, counted with its expected cost. Should an invocation ever run without its iteration setup,
    /// it prepares its own target rather than repeat one (a second delete of the same project would cost differently).
    /// </summary>
    private T Take<T>([System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        if (target is null)
        {
            expected = prepare!().GetAwaiter().GetResult();
        }

        var taken = (T)target!;
        target = null;
        CaseLedger.Count(expected, method);
        return taken;
    }
}
