using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tapko.Data.Testing;

/// <summary>
/// DynamoDB Local's jar running on Java, on a free loopback port. On Unix Java runs under the embedded
/// <c>watchdog.sh</c>, so it cannot outlive this process even when this process is killed hard. Java gets a private
/// <c>java.io.tmpdir</c>: DynamoDB Local unpacks a 900 KB SQLite library into it on the first table and deletes that only
/// on a graceful JVM exit, so a killed server would otherwise leave one file in /tmp per run.
/// </summary>
internal sealed class JavaServer : IAsyncDisposable
{
    /// <summary>The free port is only free when asked; another process may bind it before Java does.</summary>
    private const int PortAttempts = 3;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private static readonly string Watchdog = ReadWatchdog();

    private readonly Process process;
    private int stopped;

    private JavaServer(JavaRuntime java, string jarPath, int port)
    {
        TempDirectory = Directory.CreateTempSubdirectory("tapko-dynamodb-local-").FullName;
        Endpoint = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var jarDirectory = Path.GetDirectoryName(jarPath)!;

        // Windows has no /bin/sh: there Java is stopped on dispose and on process exit, but survives a hard kill.
        string[] watchdog = OperatingSystem.IsWindows() ? [] : ["-c", Watchdog, java.Path];
        string[] arguments =
        [
            .. watchdog,
            "-Djava.library.path=" + Path.Combine(jarDirectory, "DynamoDBLocal_lib"),
            "-Djava.io.tmpdir=" + TempDirectory,

            // A test server lives for minutes: C1 alone and the serial collector start faster and leave the second
            // core to the tests.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            jarPath,
            .. PinnedRelease.ServerArguments,
            "-port",
            port.ToString(CultureInfo.InvariantCulture),
        ];
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? java.Path : "/bin/sh", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // DynamoDB Local reads log4j2.xml from its class path, which starts at ".".
            WorkingDirectory = jarDirectory,
        };
        startInfo.Environment["TAPKO_JAVA_TMPDIR"] = TempDirectory;
        process = new Process { StartInfo = startInfo };
        Output = RecentLines.Capture(process);
    }

    public Uri Endpoint { get; }

    /// <summary>The process this instance started: the watchdog on Unix (Java is its only child), Java on Windows.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Java's private <c>java.io.tmpdir</c>, removed once Java is gone.</summary>
    public string TempDirectory { get; }

    public RecentLines Output { get; }

    /// <summary>Starts the jar and waits until it answers; whatever fails or is cancelled on the way is stopped again.</summary>
    public static async Task<JavaServer> StartAsync(JavaRuntime java, string jarPath, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new JavaServer(java, jarPath, FreeLoopbackPort());
            try
            {
                server.Start(java);
                var failure = await Readiness.WaitAsync(server.Endpoint, startTimeout, () => server.process.HasExited, cancellationToken)
                    .ConfigureAwait(false);
                if (failure is null)
                {
                    return server;
                }

                // An exited process's last lines may still be in the pipe; waiting for its exit reads them to the end.
                var exited = server.process.HasExited;
                if (exited)
                {
                    await server.process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }

                var portTaken = server.Output.Contains("Address already in use") || server.Output.Contains("BindException");
                if (attempt == PortAttempts || !exited || !portTaken)
                {
                    throw new DynamoDbLocalException(
                        $"DynamoDB Local (java {java.Version}, {jarPath}) {failure}. {server.Output.Describe("Last output")}");
                }
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The one way Java is stopped: on dispose, and from <see cref="AppDomain.ProcessExit"/> for an instance a test run
    /// forgot. On Unix closing the watchdog's stdin is the stop signal, the same path a hard kill of this process
    /// takes, so every normal run exercises it. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (ProcessId != 0)
        {
            process.StandardInput.Close();
            if (OperatingSystem.IsWindows())
            {
                ProcessRunner.Kill(process);
            }

            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(StopTimeout)).ConfigureAwait(false) != exited)
            {
                ProcessRunner.Kill(process);
                await Task.WhenAny(exited, Task.Delay(StopTimeout)).ConfigureAwait(false);
            }
        }

        process.Dispose();
        ProcessRunner.TryDeleteDirectory(TempDirectory);
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string ReadWatchdog()
    {
        using var reader = new StreamReader(typeof(JavaServer).Assembly.GetManifestResourceStream("Tapko.Data.Testing.watchdog.sh")!);

        // A checkout with Windows line endings must not hand /bin/sh a stray \r on every line.
        return reader.ReadToEnd().Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    private void Start(JavaRuntime java)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DynamoDbLocalException($"Could not start {process.StartInfo.FileName} to run {java.Path}: {ex.Message}", ex);
        }

        ProcessId = process.Id;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Nothing can be awaited during process exit, so this blocks on the one stop path.</summary>
    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
