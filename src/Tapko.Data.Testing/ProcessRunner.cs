using System.Diagnostics;

namespace Tapko.Data.Testing;

/// <summary>Finds, runs and cleans up after child processes: the short-lived helpers (<c>java -version</c>, <c>npm pack</c>) and Java.</summary>
internal static class ProcessRunner
{
    /// <summary>Looks an executable up on PATH as a shell would, so "is Java installed" matches what a terminal says.</summary>
    public static string? FindOnPath(string name)
    {
        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [string.Empty];
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory.Trim('"'), name + extension.ToLowerInvariant())))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a helper and kills it if it overstays; the exit code is <see langword="null"/> when it timed out.</summary>
    public static async Task<(int? ExitCode, RecentLines Output)> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };

        // npm would otherwise spend time checking for its own updates and print funding notices into our output.
        startInfo.Environment["npm_config_update_notifier"] = "false";
        startInfo.Environment["npm_config_fund"] = "false";
        startInfo.Environment["npm_config_audit"] = "false";

        using var process = new Process { StartInfo = startInfo };
        var output = RecentLines.Capture(process, capacity: 40);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return (process.ExitCode, output);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return (null, output);
        }
    }

    /// <summary>Kills the process and its children; one that has already exited is left alone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Exited in the meantime.
        }
    }

    /// <summary>Best effort: a file still in use (on Windows) must not fail a test run that already passed.</summary>
    public static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Already gone, or held open; either way nothing a test could do about it.
        }
    }
}
