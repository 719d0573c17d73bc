using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing.Tests;

/// <summary>What the launcher tests need to start instances deterministically and prove they are gone afterwards.</summary>
internal static class LauncherTestSupport
{
    /// <summary>
    /// Forces the jar path whatever the machine offers, so these tests check the same thing everywhere; the endpoint is
    /// cleared explicitly so a TAPKO_DYNAMODB_URL set for the store tests does not redirect them. The start deadline
    /// only bounds a hang: on a busy machine a JVM may need more than the default minute to answer.
    /// </summary>
    public static DynamoDbLocalOptions JarOptions(ConcurrentQueue<string> log) => new()
    {
        EndpointUrl = null,
        UseDocker = false,
        Log = log.Enqueue,
        StartTimeout = HangDeadline,
    };

    /// <summary>A deadline that only turns a hang into a failure, never a slow but working start.</summary>
    public static readonly TimeSpan HangDeadline = TimeSpan.FromMinutes(3);

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on (it was free a moment ago and nobody had a reason to take it).</summary>
    public static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SocketError?> ConnectErrorAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }

    /// <summary>
    /// The DynamoDB Local processes this test process started and still has (the /bin/sh watchdogs, whose command line
    /// carries the jar path). Linux only: it reads /proc.
    /// </summary>
    public static HashSet<int> OwnDynamoDbLocalProcesses()
    {
        var own = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var found = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the parenthesised command name: state, then parent pid.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cmdline = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (fields[1] == own && cmdline.Contains("DynamoDBLocal.jar", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }

        return found;
    }

    public static string Lines(IEnumerable<string> log) => string.Join(Environment.NewLine, log);
}
