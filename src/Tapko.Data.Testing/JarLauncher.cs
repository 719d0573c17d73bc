namespace Tapko.Data.Testing;

/// <summary>Runs the DynamoDB Local jar on a free loopback port and waits until it answers.</summary>
internal static class JarLauncher
{
    /// <summary>The free port is only free when asked; another process may bind it before Java does.</summary>
    private const int PortAttempts = 3;

    public static async Task<JavaServerProcess> StartAsync(
        JavaRuntime java,
        DynamoDbLocalPackage package,
        TimeSpan startTimeout,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var server = await JavaServerProcess.StartAsync(java, package, port, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await Readiness.WaitAsync(server.Endpoint, startTimeout, () => server.HasExited, cancellationToken)
                    .ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case ReadinessOutcome.Ready:
                        log($"DynamoDB Local ready at {Describe.Endpoint(server.Endpoint)} in {Describe.Seconds(result.Elapsed)} (java pid {server.ProcessId})");
                        return server;

                    case ReadinessOutcome.Exited when attempt < PortAttempts && IsPortCollision(server.Output):
                        await server.DisposeAsync().ConfigureAwait(false);
                        continue;

                    case ReadinessOutcome.Exited:
                        throw new DynamoDbLocalException(
                            $"DynamoDB Local (java {java.Version}, {package.JarPath}, port {port}) exited before it answered ListTables. "
                            + server.Output.Describe("Last output"));

                    default:
                        throw new DynamoDbLocalException(
                            $"DynamoDB Local (java {java.Version}, {package.JarPath}) did not answer ListTables at {Describe.Endpoint(server.Endpoint)} "
                            + $"within {Describe.Seconds(startTimeout)} (DynamoDbLocalOptions.StartTimeout). Last probe failure: {result.LastFailureText}. "
                            + server.Output.Describe("Last output"));
                }
            }
            catch
            {
                // Covers failures and cancellation alike: nothing we started may keep running.
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static bool IsPortCollision(RecentLines output) =>
        output.Contains("Address already in use") || output.Contains("BindException");
}
