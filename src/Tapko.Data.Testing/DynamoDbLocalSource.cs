namespace Tapko.Data.Testing;

/// <summary>How a <see cref="DynamoDbLocal"/> instance was obtained.</summary>
public enum DynamoDbLocalSource
{
    /// <summary>
    /// An already running DynamoDB named by <see cref="DynamoDbLocalOptions.EndpointUrl"/>
    /// (by default the <c>TAPKO_DYNAMODB_URL</c> environment variable). Nothing was started, so nothing is stopped.
    /// </summary>
    Endpoint,

    /// <summary>A DynamoDB Local container started on a reachable Docker engine.</summary>
    Docker,

    /// <summary>The DynamoDB Local jar run as a local Java 17+ process.</summary>
    Jar,
}
