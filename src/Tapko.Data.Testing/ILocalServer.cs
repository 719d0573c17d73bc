namespace Tapko.Data.Testing;

/// <summary>A DynamoDB Local that answers on <see cref="Endpoint"/>; disposing it stops it if this process started it.</summary>
internal interface ILocalServer : IAsyncDisposable
{
    Uri Endpoint { get; }

    DynamoDbLocalSource Source { get; }

    /// <summary>The Java process id, for callers that must prove it is gone after disposal.</summary>
    int? ProcessId { get; }
}
