using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Tapko.Data.Testing;

/// <summary>
/// One running DynamoDB Local jar. On Unix, Java runs under a small <c>/bin/sh</c> watchdog so it cannot outlive us
/// even when our process is killed hard (no finaliser or ProcessExit handler runs then): the watchdog blocks reading
/// the stdin pipe we hold, and when that pipe closes, because we stopped it or because we died, it kills Java.
/// Java gets a private temporary directory: DynamoDB Local unpacks a 900 KB SQLite library into it on the first
/// table and only deletes that on a graceful JVM exit, so a killed server would otherwise leave one file in /tmp per run.
/// </summary>
internal sealed class JavaServerProcess : ILocalServer
{
    private const string PidPrefix = "tapko-java-pid:";

    /// <summary>
    /// $0 and $@ are the java command line, so no argument is ever re-parsed by the shell; the temporary directory comes
    /// in the environment for the same reason, and the shell removes it once Java is gone, even when we died first. Java gets /dev/null as stdin
    /// so only the watcher holds our pipe; the shell's own stdout/stderr go to /dev/null after it reports the pid, so
    /// only Java writes to our pipes. The shell waits on Java (reaping it, so no zombie is left behind) and then on the
    /// watcher, so the shell exiting means Java is gone.
    /// </summary>
    private const string WatchdogScript = """
        exec 3<&0
        "$0" "$@" </dev/null 3<&- &
        child=$!
        echo "tapko-java-pid:$child"
        exec >/dev/null 2>&1 </dev/null
        (while read -r _ <&3; do :; done; kill -9 "$child" 2>/dev/null) &
        watcher=$!
        exec 3<&-
        wait "$child"
        status=$?
        kill "$watcher" 2>/dev/null
        wait "$watcher"
        rm -rf "$TAPKO_JAVA_TMPDIR"
        exit $status
        """;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PidTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly TaskCompletionSource<int> javaPid = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int stopped;

    private JavaServerProcess(Process process, int port, string tempDirectory)
    {
        this.process = process;
        TempDirectory = tempDirectory;
        Port = port;
        Endpoint = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public Uri Endpoint { get; }

    public DynamoDbLocalSource Source => DynamoDbLocalSource.Jar;

    public int Port { get; }

    public int? ProcessId => javaPid.Task.IsCompletedSuccessfully ? javaPid.Task.Result : null;

    public RecentLines Output { get; } = new();

    /// <summary>Java's private <c>java.io.tmpdir</c>, removed once Java is gone.</summary>
    public string TempDirectory { get; }

    /// <summary>True once Java is gone (on Unix the watchdog shell exits right after reaping it).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public static async Task<JavaServerProcess> StartAsync(
        JavaRuntime java,
        DynamoDbLocalPackage package,
        int port,
        CancellationToken cancellationToken)
    {
        var tempDirectory = Directory.CreateTempSubdirectory("tapko-dynamodb-local-").FullName;
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // DynamoDB Local reads log4j2.xml from its class path, which starts at ".".
            WorkingDirectory = package.JarDirectory,
        };

        if (OperatingSystem.IsWindows())
        {
            startInfo.FileName = java.Path;
        }
        else
        {
            startInfo.FileName = "/bin/sh";
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(WatchdogScript);
            startInfo.ArgumentList.Add(java.Path);
            startInfo.Environment["TAPKO_JAVA_TMPDIR"] = tempDirectory;
        }

        foreach (var argument in JavaArguments(package, port, tempDirectory))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var server = new JavaServerProcess(process, port, tempDirectory);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            server.DeleteTempDirectory();
            throw new DynamoDbLocalException($"Could not start {startInfo.FileName} to run {java.Path}: {ex.Message}", ex);
        }

        ProcessExitCleanup.Register(server);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (OperatingSystem.IsWindows())
        {
            server.javaPid.TrySetResult(process.Id);
            return server;
        }

        try
        {
            await server.WaitForJavaPidAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops Java and waits for it to be gone. Idempotent. On Unix closing the watchdog's stdin is the stop signal, the
    /// same path a hard kill of this process takes, so that path is exercised on every normal run too.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        ProcessExitCleanup.Unregister(this);
        RequestStop();
        using (var deadline = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ForceKill();
            }
        }

        using (var deadline = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Trace.WriteLine($"Tapko.Data.Testing: process {process.Id} did not exit after being killed.");
            }
        }

        process.Dispose();
        DeleteTempDirectory();
    }

    /// <summary>The synchronous stop used from <see cref="AppDomain.ProcessExit"/>, where nothing can be awaited.</summary>
    public void StopNow()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        RequestStop();
        try
        {
            if (!process.WaitForExit(StopTimeout))
            {
                ForceKill();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }

        DeleteTempDirectory();
    }

    private static IEnumerable<string> JavaArguments(DynamoDbLocalPackage package, int port, string tempDirectory)
    {
        yield return "-Djava.library.path=" + package.LibraryDirectory;
        yield return "-Djava.io.tmpdir=" + tempDirectory;

        // A test server lives for minutes: C1 alone and the serial collector start faster and leave the second core to
        // the tests.
        yield return "-XX:TieredStopAtLevel=1";
        yield return "-XX:+UseSerialGC";
        yield return "-jar";
        yield return package.JarPath;
        foreach (var argument in PinnedRelease.ServerArguments)
        {
            yield return argument;
        }

        yield return "-port";
        yield return port.ToString(CultureInfo.InvariantCulture);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(PidPrefix, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(PidPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            javaPid.TrySetResult(pid);
            return;
        }

        Output.Add(line);
    }

    private async Task WaitForJavaPidAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PidTimeout);
        try
        {
            // The shell prints the pid right after forking Java; if it exits first, waiting longer is pointless.
            await Task.WhenAny(javaPid.Task, process.WaitForExitAsync(deadline.Token)).ConfigureAwait(false);
            deadline.Token.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!javaPid.Task.IsCompletedSuccessfully)
        {
            throw new DynamoDbLocalException(
                $"/bin/sh did not report the Java process id within {Describe.Seconds(PidTimeout)}. "
                + Output.Describe("Last output"));
        }
    }

    private void RequestStop()
    {
        if (OperatingSystem.IsWindows())
        {
            ForceKill();
            return;
        }

        try
        {
            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The watchdog is gone already, and with it Java.
            ForceKill();
        }
    }

    /// <summary>Best effort: on Unix the watchdog has normally removed it already; on Windows a file may still be locked.</summary>
    private void DeleteTempDirectory()
    {
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(TempDirectory))
            {
                Trace.WriteLine($"Tapko.Data.Testing: could not remove {TempDirectory}: {ex.Message}");
            }
        }
    }

    private void ForceKill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited in the meantime.
        }
    }
}
