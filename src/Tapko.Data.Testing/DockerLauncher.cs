using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tapko.Data.Testing;

/// <summary>Runs DynamoDB Local as a container. Only called once <see cref="DockerEngine"/> saw an engine answer.</summary>
internal static class DockerLauncher
{
    private const int ContainerPort = 8000;

    /// <summary>
    /// Starts the container and waits until it answers. Testcontainers' resource reaper removes it even if this
    /// process is killed hard.
    /// </summary>
    public static async Task<DockerContainerServer> StartAsync(
        Uri dockerEndpoint,
        string image,
        TimeSpan startTimeout,
        CancellationToken cancellationToken)
    {
        var container = new ContainerBuilder(image)
            .WithDockerEndpoint(dockerEndpoint)
            .WithPortBinding(ContainerPort, assignRandomHostPort: true)
            .WithCommand(["-jar", "DynamoDBLocal.jar", .. PinnedRelease.ServerArguments])
            .WithCleanUp(true)

            // Testcontainers would print multi-line diagnostics of its own; the launcher reports one line per step and
            // puts the failure reason into it.
            .WithLogger(NullLogger.Instance)
            .Build();

        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = new UriBuilder(Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(ContainerPort)).Uri;
            var result = await Readiness.WaitAsync(endpoint, startTimeout, () => false, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != ReadinessOutcome.Ready)
            {
                var (stdout, stderr) = await container.GetLogsAsync(ct: cancellationToken).ConfigureAwait(false);
                var output = new RecentLines();
                foreach (var line in (stdout + "\n" + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    output.Add(line);
                }

                throw new DynamoDbLocalException(
                    $"container {container.Id[..Math.Min(12, container.Id.Length)]} did not answer ListTables at {Describe.Endpoint(endpoint)} "
                    + $"within {Describe.Seconds(startTimeout)}. Last probe failure: {result.LastFailureText}. "
                    + output.Describe("Last output"));
            }

            return new DockerContainerServer(container, endpoint, result.Elapsed);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
