using System.Diagnostics;
using System.Text;

namespace Tapko.Data.ColdStart;

/// <summary>Starts an app as a new process pointed at DynamoDB Local and times it from the outside.</summary>
internal static class ColdStartTimer
{
    private const string Marker = "SUBMITTED ";

    public static async Task<RunResult> RunOnceAsync(AppUnderTest app, Uri endpoint, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(app.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app.Path)!,
        };

        // DynamoDB Local accepts any credentials, but the SDK's default chain must find some.
        start.Environment["Tapko__ServiceUrl"] = endpoint.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_REGION"] = "us-east-1";

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {app.Path}.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        var toSubmit = TimeSpan.Zero;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (toSubmit == TimeSpan.Zero && line.StartsWith(Marker, StringComparison.Ordinal))
            {
                toSubmit = stopwatch.Elapsed;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var toExit = stopwatch.Elapsed;
        lock (output)
        {
            return new RunResult(toSubmit, toExit, process.ExitCode, output.ToString());
        }
    }
}
