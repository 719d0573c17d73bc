using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Tapko.Data.Sample;
using Tapko.Data.Testing;

return await SampleProgram.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

namespace Tapko.Data.Sample
{
    /// <summary>The sample's entry point, callable from tests with captured output.</summary>
    public static class SampleProgram
    {
        /// <summary>Runs the walkthrough; returns 0 on success, 2 for bad arguments, 1 for any other failure.</summary>
        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
        {
            SampleOptions options;
            try
            {
                options = SampleOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return 2;
            }

            if (options.Help)
            {
                await output.WriteLineAsync(SampleOptions.Usage);
                return 0;
            }

            var table = options.Table ?? $"tapko-sample-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(1000):000}";
            DynamoDbLocal? local = null;
            IAmazonDynamoDB? ownClient = null;
            try
            {
                IAmazonDynamoDB client;
                if (options.Endpoint is not null && !IsLoopback(options.Endpoint))
                {
                    // A real DynamoDB: the standard credential chain, as any AWS tool would.
                    ownClient = client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig
                    {
                        ServiceURL = options.Endpoint,
                        AuthenticationRegion = options.Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
                    });
                    await output.WriteLineAsync($"Using DynamoDB at {options.Endpoint}");
                }
                else
                {
                    // DynamoDbLocal also honours a loopback endpoint (--endpoint or TAPKO_DYNAMODB_URL) with dummy keys.
                    local = await DynamoDbLocal.StartAsync(
                        new DynamoDbLocalOptions { EndpointUrl = options.Endpoint, Log = line => error.WriteLine("[local] " + line) },
                        cancellationToken);
                    client = local.Client;
                    await output.WriteLineAsync($"Using DynamoDB Local ({local.Source}) at {local.Endpoint}");
                }

                try
                {
                    await new Walkthrough(client, table, options, output).RunAsync(cancellationToken);
                }
                finally
                {
                    if (!options.Keep)
                    {
                        await DeleteTableQuietlyAsync(client, table);
                    }
                }

                await output.WriteLineAsync();
                await output.WriteLineAsync(options.Keep ? $"Done. Table '{table}' was kept." : "Done. The table was deleted.");
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("error: " + OneLine(e));
                return 1;
            }
            finally
            {
                ownClient?.Dispose();
                if (local is not null)
                {
                    await local.DisposeAsync();
                }
            }
        }

        private static bool IsLoopback(string endpoint) =>
            Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost");

        private static async Task DeleteTableQuietlyAsync(IAmazonDynamoDB client, string table)
        {
            try
            {
                await client.DeleteTableAsync(new DeleteTableRequest { TableName = table });
            }
            catch (ResourceNotFoundException)
            {
            }
        }

        private static string OneLine(Exception e) => $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
    }
}
