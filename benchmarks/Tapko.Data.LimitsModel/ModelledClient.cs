using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Tapko.Data.LimitsModel;

/// <summary>
/// A DynamoDB client whose HTTP requests go through a <see cref="LimitsModelHandler"/>, with the SDK's standard retry
/// mode. With a <see cref="LimitsModelOptions.TimeScale"/> above 1 the SDK's waits between retries are stretched by
/// the same factor, so its backoff is what it would be against AWS in model time.
/// </summary>
public static class ModelledClient
{
    /// <summary>Creates the client; the caller disposes it (the handler is not disposed with it).</summary>
    public static IAmazonDynamoDB Create(LimitsModelHandler model, Uri endpoint, Action<AmazonDynamoDBConfig>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(endpoint);
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(30),
            HttpClientFactory = new Factory(model),
        };
        configure?.Invoke(config);
        var credentials = new BasicAWSCredentials("tapkolocal", "tapkolocal");
        return model.Options.TimeScale > 1 ? new DilatedClient(credentials, config, model.Options.TimeScale) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>Hands the SDK an <see cref="HttpClient"/> over the model, with the client's own timeout.</summary>
    private sealed class Factory(LimitsModelHandler model) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(model, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    /// <summary>The SDK's client with its retry handler's waits stretched by the time scale.</summary>
    private sealed class DilatedClient(AWSCredentials credentials, AmazonDynamoDBConfig config, double scale) : AmazonDynamoDBClient(credentials, config)
    {
        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new DilatedRetryPolicy(Config, scale)));
        }
    }

    /// <summary>
    /// The SDK's standard retry policy (same retryable errors, same retry quota, same backoff formula), each wait
    /// followed by <c>scale - 1</c> times as long again.
    /// </summary>
    private sealed class DilatedRetryPolicy(IClientConfig config, double scale) : StandardRetryPolicy(config)
    {
        public override async Task WaitBeforeRetryAsync(IExecutionContext executionContext)
        {
            var waited = Stopwatch.StartNew();
            await base.WaitBeforeRetryAsync(executionContext).ConfigureAwait(false);
            await Task.Delay(waited.Elapsed * (scale - 1)).ConfigureAwait(false);
        }

        public override void WaitBeforeRetry(IExecutionContext executionContext)
        {
            var waited = Stopwatch.StartNew();
            base.WaitBeforeRetry(executionContext);
            Thread.Sleep(waited.Elapsed * (scale - 1));
        }
    }
}
