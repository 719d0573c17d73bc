using System.IO.Pipes;
using System.Net.Sockets;

namespace Tapko.Data.Testing;

/// <summary>
/// Decides within a second or two whether a Docker engine answers. Testcontainers' own discovery tries several
/// strategies with retries when none exists, which would cost every Docker-less run many seconds.
/// </summary>
internal static class DockerEngine
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1.5);

    private static readonly string[] UnixSocketCandidates =
    [
        "/var/run/docker.sock",
        Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? "/nonexistent", "docker.sock"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "desktop", "docker.sock"),
    ];

    public static async Task<DockerEngineStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        var endpoint = FindEndpoint(out var missing);
        if (endpoint is null)
        {
            return DockerEngineStatus.Unreachable(missing);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PingTimeout);
        try
        {
            var answer = await PingAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return answer is null
                ? DockerEngineStatus.Reachable(endpoint)
                : DockerEngineStatus.Unreachable($"{endpoint} answered /_ping with {answer}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DockerEngineStatus.Unreachable($"{endpoint} did not answer /_ping within {Describe.Seconds(PingTimeout)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or UnauthorizedAccessException or TimeoutException)
        {
            return DockerEngineStatus.Unreachable($"{endpoint} did not answer /_ping: {Describe.Failure(ex)}");
        }
    }

    /// <summary>DOCKER_HOST wins, as it does for the docker CLI; otherwise the usual socket or pipe locations.</summary>
    private static Uri? FindEndpoint(out string missing)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            missing = $"DOCKER_HOST '{dockerHost}' is not a unix://, tcp:// or npipe:// address";
            return Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "npipe"
                ? uri
                : null;
        }

        if (OperatingSystem.IsWindows())
        {
            missing = string.Empty;
            return new Uri("npipe://./pipe/docker_engine");
        }

        missing = "no /var/run/docker.sock";
        var socket = UnixSocketCandidates.FirstOrDefault(File.Exists);
        return socket is null ? null : new Uri("unix://" + socket);
    }

    /// <summary>Returns null when the engine answered OK, else what it answered.</summary>
    private static async Task<string?> PingAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        var requestUri = new Uri("http://docker/_ping");
        switch (endpoint.Scheme)
        {
            case "unix":
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                break;

            case "npipe":
                handler.ConnectCallback = async (_, ct) =>
                {
                    var pipeName = endpoint.Segments[^1];
                    var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
                    try
                    {
                        await pipe.ConnectAsync(ct).ConfigureAwait(false);
                        return pipe;
                    }
                    catch
                    {
                        await pipe.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                };
                break;

            default:
                // A TLS-protected engine needs client certificates to talk HTTP; reaching its port is proof enough that
                // it is worth handing to Testcontainers.
                if (IsTlsVerified())
                {
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                requestUri = new Uri(new UriBuilder(Uri.UriSchemeHttp, endpoint.Host, endpoint.Port).Uri, "_ping");
                break;
        }

        using var http = new HttpClient(handler, disposeHandler: false);
        using var response = await http.GetAsync(requestUri, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    private static bool IsTlsVerified()
    {
        var verify = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY");
        return !string.IsNullOrEmpty(verify) && verify != "0";
    }
}
