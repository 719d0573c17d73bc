namespace Tapko.Data.Testing;

/// <summary>Settings for <see cref="DynamoDbLocal.StartAsync"/>. Every property has a default that suits a test run.</summary>
public sealed class DynamoDbLocalOptions
{
    /// <summary>
    /// Receives one line per decision the launcher makes (which way it tried, why it skipped one, when DynamoDB Local was
    /// ready). Defaults to writing <c>[Tapko.Data.Testing] ...</c> lines to <see cref="Console.Error"/>; set to
    /// <see langword="null"/> for silence.
    /// </summary>
    public Action<string>? Log { get; set; } = static line => Console.Error.WriteLine("[Tapko.Data.Testing] " + line);

    /// <summary>
    /// How long a started DynamoDB Local (container or Java process) gets to answer its first <c>ListTables</c>.
    /// The one-time download of the jar is not counted. Defaults to 60 seconds.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Folder that keeps the downloaded DynamoDB Local jar between runs; a versioned sub-folder is created inside it.
    /// Defaults to <c>$XDG_CACHE_HOME/tapko-data</c>, else <c>~/.cache/tapko-data</c>
    /// (<c>%LOCALAPPDATA%\tapko-data</c> on Windows). <see langword="null"/> also means the default.
    /// </summary>
    public string? CacheDirectory { get; set; } = NpmPackageCache.DefaultRoot();

    /// <summary>
    /// Whether to try a Docker container when no endpoint is given and a Docker engine is reachable. Defaults to
    /// <see langword="true"/>; when <see langword="false"/>, or when the container cannot be started, the jar is run on Java.
    /// </summary>
    public bool UseDocker { get; set; } = true;

    /// <summary>The DynamoDB Local image used on Docker. Defaults to <c>amazon/dynamodb-local:3.3.1</c>.</summary>
    public string DockerImage { get; set; } = PinnedRelease.DockerImage;

    /// <summary>
    /// How long a Docker engine has to answer <c>/_ping</c> before it counts as unreachable: short, so that a run
    /// without an engine loses little. Internal, for tests whose engine certainly answers: they set it long, so that
    /// a busy machine cannot turn a slow answer into "unreachable".
    /// </summary>
    internal TimeSpan DockerPingTimeout { get; set; } = DockerEngine.DefaultPingTimeout;

    /// <summary>
    /// URL of an already running DynamoDB (Local) to use instead of starting one, for example <c>http://localhost:8000</c>.
    /// Defaults to the value of the <c>TAPKO_DYNAMODB_URL</c> environment variable
    /// (<see cref="DynamoDbLocal.EndpointEnvironmentVariable"/>) read when the options are created. A malformed or
    /// unreachable URL fails fast instead of falling back to another way.
    /// </summary>
    public string? EndpointUrl { get; set; } = Environment.GetEnvironmentVariable(DynamoDbLocal.EndpointEnvironmentVariable);
}
