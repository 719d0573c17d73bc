using Amazon.Runtime;

namespace Tapko.Data.Benchmarks.Stub;

/// <summary>Installs <see cref="CannedResponseHandler"/> as the SDK's transport through <c>AmazonDynamoDBConfig.HttpClientFactory</c>.</summary>
public sealed class StubHttpClientFactory(CannedResponseHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
