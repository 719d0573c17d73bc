using DotNet.Testcontainers.Containers;

namespace Tapko.Data.Testing;

/// <summary>A DynamoDB Local container this process started; disposing it stops and removes the container.</summary>
internal sealed class DockerContainerServer : ILocalServer
{
    private readonly IContainer container;
    private int disposed;

    public DockerContainerServer(IContainer container, Uri endpoint, TimeSpan readyAfter)
    {
        this.container = container;
        Endpoint = endpoint;
        ReadyAfter = readyAfter;
    }

    public Uri Endpoint { get; }

    public DynamoDbLocalSource Source => DynamoDbLocalSource.Docker;

    public int? ProcessId => null;

    public string ContainerId => container.Id;

    public TimeSpan ReadyAfter { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
    }
}
