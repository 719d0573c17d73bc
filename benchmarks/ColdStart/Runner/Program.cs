using System.Globalization;
using Tapko.Data.ColdStart;
using Tapko.Data.Testing;

// dotnet run --project benchmarks/ColdStart/Runner -- [--check] [--runs N] [--out file.md] --app "label=path" ...
// --check: start each app once and fail unless it exits 0 after its SUBMITTED line (./test.sh uses this).
// Otherwise: one unmeasured round, then N rounds starting every app once per round, then a Markdown table.
var check = args.Contains("--check");
var runs = 10;
string? outFile = null;
var apps = new List<AppUnderTest>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--check":
            break;
        case "--runs" when i + 1 < args.Length:
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--out" when i + 1 < args.Length:
            outFile = args[++i];
            break;
        case "--app" when i + 1 < args.Length:
            apps.Add(AppUnderTest.Parse(args[++i]));
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--check] [--runs N] [--out file.md] --app label=path ...");
            return 2;
    }
}

if (apps.Count == 0 || runs < 1)
{
    Console.Error.WriteLine("Give at least one --app label=path, and --runs of 1 or more.");
    return 2;
}

await using var local = await DynamoDbLocal.StartAsync(new DynamoDbLocalOptions { Log = Console.WriteLine });
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(15));

if (check)
{
    var failed = 0;
    foreach (var app in apps)
    {
        var result = await ColdStartTimer.RunOnceAsync(app, local.Endpoint, cancel.Token);
        Console.Write(result.Output);
        Console.WriteLine($"{app.Label}: exit {result.ExitCode}, first submit after {result.ToFirstSubmit.TotalMilliseconds:F0} ms (local, one run)");
        failed += result.Succeeded ? 0 : 1;
    }

    return failed == 0 ? 0 : 1;
}

var samples = apps.ToDictionary(a => a, _ => new List<RunResult>());

// Round 0 is the unmeasured start: it creates the table (the first app) and brings the files into the OS cache.
for (var round = 0; round <= runs; round++)
{
    foreach (var app in apps)
    {
        var result = await ColdStartTimer.RunOnceAsync(app, local.Endpoint, cancel.Token);
        if (!result.Succeeded)
        {
            Console.Error.Write(result.Output);
            Console.Error.WriteLine($"{app.Label} failed in round {round} (exit {result.ExitCode}).");
            return 1;
        }

        if (round > 0)
        {
            samples[app].Add(result);
        }
    }

    Console.WriteLine($"round {round}/{runs} done");
}

var table = ColdStartTable.Render(samples, runs, local.Source);
Console.WriteLine();
Console.WriteLine(table);
if (outFile is not null)
{
    await File.WriteAllTextAsync(outFile, table, cancel.Token);
}

return 0;
