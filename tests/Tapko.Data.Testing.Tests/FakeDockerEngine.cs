using System.Net.Sockets;
using System.Text;

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// A unix socket that answers <c>/_ping</c> like a Docker engine and fails every other call, to prove the launcher
/// falls back to Java when an engine is reachable but cannot run the container (a broken engine, a missing image).
/// </summary>
internal sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    public FakeDockerEngine()
    {
        // Unix socket paths are limited to about 100 bytes, so keep it short and in the temp folder.
        SocketPath = Path.Combine(Path.GetTempPath(), $"tapko-docker-{Guid.NewGuid():N}"[..24] + ".sock");
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen();
        serving = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    public Uri Endpoint => new("unix://" + SocketPath);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
        File.Delete(SocketPath);
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(connection));
        }
    }

    private async Task AnswerAsync(Socket connection)
    {
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        var buffer = new byte[16 * 1024];
        try
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
            var (status, type, body) = requestLine.Contains("/_ping", StringComparison.Ordinal)
                ? ("200 OK", "text/plain", "OK")
                : ("500 Internal Server Error", "application/json", "{\"message\":\"fake engine: cannot run containers\"}");
            var response = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The client hung up; nothing to answer.
        }
    }
}
