using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tapko.Data.Testing;

/// <summary>
/// DynamoDB Local on a Docker engine. Whether an engine answers is decided here within a second or two: Testcontainers'
/// own discovery tries several strategies with retries when none exists, which would cost every Docker-less run many
/// seconds.
/// </summary>
internal static class DockerEngine
{
    private const int ContainerPort = 8000;

    /// <summary>How long an engine has to answer <c>/_ping</c>, unless <see cref="DynamoDbLocalOptions.DockerPingTimeout"/> says otherwise.</summary>
    internal static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>The engine's endpoint when it answered <c>/_ping</c>; otherwise none and why not, in words fit for the log.</summary>
    public static Task<(Uri? Endpoint, string Reason)> ProbeAsync(CancellationToken cancellationToken) =>
        ProbeAsync(DefaultPingTimeout, cancellationToken);

    /// <summary>The engine's endpoint when it answered <c>/_ping</c> within <paramref name="pingTimeout"/>; otherwise none and why not.</summary>
    public static async Task<(Uri? Endpoint, string Reason)> ProbeAsync(TimeSpan pingTimeout, CancellationToken cancellationToken)
    {
        var (endpoint, missing) = FindEndpoint();
        if (endpoint is null)
        {
            return (null, missing);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(pingTimeout);
        try
        {
            // Through the same client library Testcontainers uses, so what answers here is what it will talk to.
            using var client = new DockerEndpointAuthenticationConfiguration(endpoint).GetDockerClientBuilder(Guid.Empty).Build();
            await client.System.PingAsync(deadline.Token).ConfigureAwait(false);
            return (endpoint, string.Empty);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, deadline.IsCancellationRequested
                ? $"{endpoint} did not answer /_ping within {Describe.Seconds(pingTimeout)}"
                : $"{endpoint} did not answer /_ping: {Describe.Failure(ex)}");
        }
    }

    /// <summary>
    /// Starts the container and waits until it answers; the caller disposes the container to stop and remove it.
    /// Testcontainers' resource reaper removes it even if this process is killed hard.
    /// </summary>
    public static async Task<(IContainer Container, Uri Endpoint)> StartAsync(
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
            var failure = await Readiness.WaitAsync(endpoint, startTimeout, () => false, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                var (stdout, stderr) = await container.GetLogsAsync(ct: cancellationToken).ConfigureAwait(false);
                var output = new RecentLines();
                Array.ForEach((stdout + "\n" + stderr).Split('\n', StringSplitOptions.TrimEntries), output.Add);

                throw new DynamoDbLocalException(
                    $"DynamoDB Local (container {ShortId(container)}) {failure}. {output.Describe("Last output")}");
            }

            return (container, endpoint);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static string ShortId(IContainer container) => container.Id[..Math.Min(12, container.Id.Length)];

    /// <summary>DOCKER_HOST wins, as it does for the docker CLI; otherwise the usual socket or pipe locations.</summary>
    private static (Uri? Endpoint, string Missing) FindEndpoint()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "npipe"
                ? (uri, string.Empty)
                : (null, $"DOCKER_HOST '{dockerHost}' is not a unix://, tcp:// or npipe:// address");
        }

        if (OperatingSystem.IsWindows())
        {
            return (new Uri("npipe://./pipe/docker_engine"), string.Empty);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] sockets =
        [
            "/var/run/docker.sock",
            Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? "/nonexistent", "docker.sock"),
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
        ];
        var socket = sockets.FirstOrDefault(File.Exists);
        return socket is null ? (null, "no /var/run/docker.sock") : (new Uri("unix://" + socket), string.Empty);
    }
}
