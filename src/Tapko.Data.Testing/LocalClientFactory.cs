using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Tapko.Data.Testing;

/// <summary>Builds clients that talk to a DynamoDB Local rather than AWS.</summary>
internal static class LocalClientFactory
{
    // DynamoDB Local accepts any credentials, but the SDK insists on some; alphanumeric keeps DynamoDB Local from
    // rejecting them (it validates the access key's characters since 2.0).
    private const string DummyKey = "tapkolocal";

    // Only used for signing; RegionEndpoint is left unset because in SDK v4 setting it clears ServiceURL.
    private const string SigningRegion = "us-east-1";

    public static AmazonDynamoDBClient Create(Uri endpoint, Action<AmazonDynamoDBConfig>? configure = null)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = SigningRegion,
        };
        configure?.Invoke(config);
        return new AmazonDynamoDBClient(Credentials(), config);
    }

    /// <summary>The credentials every local client signs with, the projector's Streams calls included.</summary>
    public static BasicAWSCredentials Credentials() => new(DummyKey, DummyKey);

    /// <summary>
    /// A client for probing: the SDK's retries (10 by default for DynamoDB) would turn a refused connection into a long
    /// wait, so every failure surfaces at once and the caller decides whether to try again.
    /// </summary>
    public static AmazonDynamoDBClient CreateProbe(Uri endpoint, TimeSpan timeout) =>
        Create(endpoint, config =>
        {
            config.MaxErrorRetry = 0;
            config.Timeout = timeout;
            config.ConnectTimeout = timeout;
        });
}
