using System.Diagnostics;

namespace Tapko.Data.Testing;

/// <summary>Runs a short-lived helper (<c>java -version</c>, <c>npm pack</c>) and kills it if it overstays or is cancelled.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        int keepLines = 40)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // npm would otherwise spend time checking for its own updates and print funding notices into our output.
        startInfo.Environment["npm_config_update_notifier"] = "false";
        startInfo.Environment["npm_config_fund"] = "false";
        startInfo.Environment["npm_config_audit"] = "false";

        var output = new RecentLines(keepLines);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => AddLine(output, e.Data);
        process.ErrorDataReceived += (_, e) => AddLine(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult(ExitCode: null, output);
        }

        return new ProcessResult(process.ExitCode, output);
    }

    private static void AddLine(RecentLines output, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            output.Add(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
