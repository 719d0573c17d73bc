using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Tapko.Data.WebApi.Tests;

/// <summary>
/// The web sample as a separate process, started with the README's command and environment: the real Program.cs, its
/// appsettings.json, the library's own DynamoDB client, nothing injected. Every line it prints is kept for failure
/// messages, and disposing kills whatever is still running, so a failed test leaves no server behind.
/// </summary>
/// <remarks>
/// It runs <c>dotnet run --no-build</c> from the repository root rather than the README's plain <c>dotnet run</c>. The
/// test project references the sample, so the build graph has already built it, in this configuration, before any test
/// runs. A plain <c>dotnet run</c> would start a second MSBuild for the sample and the library while
/// <c>dotnet test Tapko.Data.sln</c> may still be building other projects over the same obj/ and bin/ folders (and,
/// under <c>-c Release</c>, would build Debug from scratch), and it costs about 15 s more on two cores. <c>--no-build</c>
/// keeps everything else the command does for a newcomer: the working directory it gives the app (the project
/// folder, so the content root holds appsettings.json), launch settings, the apphost, and passing a stop signal on to
/// the app. The build half of the command is what the solution build itself proves.
/// </remarks>
internal sealed partial class SampleProcess : IAsyncDisposable
{
    /// <summary>SIGTERM: what a terminal's owner, systemd or a container runtime sends to stop a service. Same number on Linux and macOS.</summary>
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Stopwatch started = Stopwatch.StartNew();
    private Uri? listening;

    private SampleProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add("out", e.Data);
        process.ErrorDataReceived += (_, e) => Add("err", e.Data);
    }

    /// <summary>The address Kestrel reported it listens on; <see langword="null"/> until it did.</summary>
    public Uri? BaseAddress
    {
        get
        {
            lock (output)
            {
                return listening;
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process printed so far, each line marked with its stream and seconds since start.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the README's command from the repository root with the README's environment for <paramref name="serviceUrl"/>,
    /// plus what a test needs on a shared machine: a table of its own and a free loopback port.
    /// </summary>
    public static SampleProcess Start(string serviceUrl, string tableName)
    {
        // The README's command, word for word, then what the test adds to it.
        var words = WebApiSampleCommand.Command.Split(' ');
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var word in words.Skip(1))
        {
            startInfo.ArgumentList.Add(word);
        }

        // Already built by the test project's reference to it, in the configuration this assembly was built in.
        startInfo.ArgumentList.Add("--no-build");
        startInfo.ArgumentList.Add("--configuration");
        startInfo.ArgumentList.Add(typeof(SampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug");

        // Port 0: Kestrel binds a port the OS knows is free and logs it, so no other process can take it between a
        // check and the bind (the README's default, 5000, may be in use on a shared machine).
        startInfo.ArgumentList.Add("--");
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");

        // Only the README's environment configures the app: whatever in the test's own environment the app or the SDK
        // would read as configuration goes (WebApplication reads every variable; Tapko__*, AWS_*, ASPNETCORE_* ...).
        foreach (var name in startInfo.Environment.Keys.Where(ConfiguresTheApp).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in WebApiSampleCommand.Environment(serviceUrl))
        {
            startInfo.Environment[name] = value;
        }

        // The shared DynamoDB Local serves every test class at once; the README's table name would be shared by
        // concurrent runs against one TAPKO_DYNAMODB_URL, so this run takes a table of its own.
        startInfo.Environment["Tapko__TableName"] = tableName;

        var sample = new SampleProcess(new Process { StartInfo = startInfo });
        sample.process.Start();

        // The sample never reads its standard input; closed, a newcomer's terminal cannot be mistaken for it.
        sample.process.StandardInput.Close();
        sample.process.BeginOutputReadLine();
        sample.process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Waits until the process has exited and both output streams are read to their end, so <see cref="Output"/> holds its last words.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the sample to stop as a service is stopped (SIGTERM to <c>dotnet run</c>, which passes it on to the app) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (SendSignal(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        // Also waits until both output streams are read to their end: the app holds them too, so this returns only
        // once dotnet run and the app it started are both gone.
        await WaitForExitAsync(cancellationToken);
    }

    /// <summary>Kills dotnet run and the app under it if they are still running (a failed or cancelled test).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(grace.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            // Exited meanwhile, or never started; a kill that did not finish in time must not hide the test's own failure.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// The <c>dotnet</c> that runs this test run (the CLI sets DOTNET_HOST_PATH for everything it starts), so the sample
    /// runs on the same SDK as the build; a newcomer's <c>dotnet</c> on PATH otherwise.
    /// </summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tapko.Data.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Tapko.Data.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Whether an inherited variable would configure the app, its AWS client or the <c>dotnet run</c> evaluation beyond
    /// what the README sets. The MSBuild ones are the test run's own build handing its SDK paths down; a newcomer's
    /// shell has none.
    /// </summary>
    private static bool ConfiguresTheApp(string name) =>
        name.Contains("__", StringComparison.Ordinal)
        || name.StartsWith("TAPKO", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("URLS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("HTTP_PORTS", StringComparison.OrdinalIgnoreCase)
        || name.Equals("HTTPS_PORTS", StringComparison.OrdinalIgnoreCase);

    // DllImport rather than LibraryImport, whose generated stub needs unsafe code enabled for this whole project; an
    // int-only signature needs no marshalling either way.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    private void Add(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(System.Globalization.CultureInfo.InvariantCulture, $"[{stream} {started.Elapsed.TotalSeconds,6:F1}s] {line}\n");
            if (listening is null && ListeningLine().Match(line) is { Success: true } match)
            {
                listening = new Uri(match.Groups[1].Value);
            }
        }
    }
}
