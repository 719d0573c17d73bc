using System.Diagnostics;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing;

/// <summary>
/// Waits for a just-started DynamoDB Local by asking it what it would be asked in a test. Polling beats a fixed sleep:
/// it is as fast as the server allows and notices at once when the process died instead.
/// </summary>
internal static class Readiness
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<ReadinessResult> WaitAsync(
        Uri endpoint,
        TimeSpan timeout,
        Func<bool> hasExited,
        CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        using var client = LocalClientFactory.CreateProbe(endpoint, AttemptTimeout);
        Exception? lastFailure = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hasExited())
            {
                return new ReadinessResult(ReadinessOutcome.Exited, elapsed.Elapsed, lastFailure);
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(AttemptTimeout);
                try
                {
                    await client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, attempt.Token).ConfigureAwait(false);
                    return new ReadinessResult(ReadinessOutcome.Ready, elapsed.Elapsed, null);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastFailure = new TimeoutException($"ListTables did not answer within {Describe.Seconds(AttemptTimeout)}.");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Refused connections, resets while the server binds, 5xx while it initialises: all mean "not yet".
                    lastFailure = ex;
                }
            }

            if (elapsed.Elapsed >= timeout)
            {
                return new ReadinessResult(ReadinessOutcome.TimedOut, elapsed.Elapsed, lastFailure);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
