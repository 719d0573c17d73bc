using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing;

/// <summary>
/// Whether a DynamoDB answers, asked with what a test would ask it: <c>ListTables</c>. A started server is polled, never
/// slept on: polling is as fast as the server allows and notices at once when the process died instead.
/// </summary>
internal static class Readiness
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan EndpointTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Polls a just-started DynamoDB Local. Returns <see langword="null"/> once it answers, else why not, in words that
    /// continue "DynamoDB Local ...": it exited first (<paramref name="hasExited"/>) or ran out of time.
    /// </summary>
    public static async Task<string?> WaitAsync(Uri endpoint, TimeSpan timeout, Func<bool> hasExited, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        using var client = LocalClientFactory.CreateProbe(endpoint, AttemptTimeout);
        while (true)
        {
            if (hasExited())
            {
                return $"exited before it answered ListTables at {Describe.Endpoint(endpoint)}";
            }

            // Refused connections, resets while the server binds, 5xx while it initialises: all mean "not yet".
            var failure = await TryListTablesAsync(client, AttemptTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return null;
            }

            if (elapsed.Elapsed >= timeout)
            {
                return $"did not answer ListTables at {Describe.Endpoint(endpoint)} within {Describe.Seconds(timeout)} "
                    + $"(DynamoDbLocalOptions.StartTimeout). Last probe failure: {Describe.Failure(failure)}";
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks a DynamoDB someone else runs, named by <c>TAPKO_DYNAMODB_URL</c>. Whoever set the variable meant that
    /// server, so a bad value fails fast and loudly instead of silently starting a different one.
    /// </summary>
    public static async Task<Uri> CheckEndpointAsync(string url, Action<string> log, CancellationToken cancellationToken)
    {
        var origin = string.Equals(Environment.GetEnvironmentVariable(DynamoDbLocal.EndpointEnvironmentVariable), url, StringComparison.Ordinal)
            ? $"from {DynamoDbLocal.EndpointEnvironmentVariable}"
            : $"from DynamoDbLocalOptions.EndpointUrl, which defaults to {DynamoDbLocal.EndpointEnvironmentVariable}";
        var endpoint = ParseEndpoint(url)
            ?? throw new DynamoDbLocalException(
                $"'{url}' ({origin}) is not an absolute http:// or https:// URL. Set it to the address of a running "
                + $"DynamoDB Local such as http://localhost:8000, or unset {DynamoDbLocal.EndpointEnvironmentVariable} "
                + "to have one started.");

        var elapsed = Stopwatch.StartNew();

        // The SDK's own timeout is set past the deadline so the deadline decides, and the message says "within 5 s".
        using var client = LocalClientFactory.CreateProbe(endpoint, EndpointTimeout + TimeSpan.FromSeconds(1));
        var failure = await TryListTablesAsync(client, EndpointTimeout, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            var what = failure is TimeoutException
                ? $"did not answer ListTables within {Describe.Seconds(EndpointTimeout)}"
                : $"is not reachable: {Describe.Failure(failure)}";
            throw new DynamoDbLocalException(
                $"DynamoDB at '{url}' ({origin}) {what}. Start it, or unset {DynamoDbLocal.EndpointEnvironmentVariable} to have one started.",
                failure);
        }

        log($"Using DynamoDB at {Describe.Endpoint(endpoint)} ({origin}); it answered ListTables in {Describe.Seconds(elapsed.Elapsed)}");
        return endpoint;
    }

    public static Uri? ParseEndpoint(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;

    /// <summary>One attempt within <paramref name="timeout"/>: <see langword="null"/> when it answered, else the failure.</summary>
    private static async Task<Exception?> TryListTablesAsync(AmazonDynamoDBClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            await client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, attempt.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return attempt.IsCancellationRequested
                ? new TimeoutException($"ListTables did not answer within {Describe.Seconds(timeout)}.", ex)
                : ex;
        }
    }
}
