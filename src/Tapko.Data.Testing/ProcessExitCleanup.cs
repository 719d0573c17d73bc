using System.Collections.Concurrent;

namespace Tapko.Data.Testing;

/// <summary>
/// Stops Java processes a test run forgot to dispose when the .NET process exits normally. A hard kill skips this;
/// the watchdog in <see cref="JavaServerProcess"/> covers that case.
/// </summary>
internal static class ProcessExitCleanup
{
    private static readonly ConcurrentDictionary<JavaServerProcess, byte> Running = new();

    static ProcessExitCleanup()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
    }

    public static void Register(JavaServerProcess process) => Running.TryAdd(process, 0);

    public static void Unregister(JavaServerProcess process) => Running.TryRemove(process, out _);

    private static void StopAll()
    {
        foreach (var process in Running.Keys)
        {
            process.StopNow();
        }
    }
}
