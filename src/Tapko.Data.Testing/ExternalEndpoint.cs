using System.Diagnostics;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Testing;

/// <summary>
/// A DynamoDB someone else runs, named by <c>TAPKO_DYNAMODB_URL</c>. Whoever set the variable meant that server, so a
/// bad value fails fast and loudly instead of silently starting a different one.
/// </summary>
internal sealed class ExternalEndpoint : ILocalServer
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private ExternalEndpoint(Uri endpoint) => Endpoint = endpoint;

    public Uri Endpoint { get; }

    public DynamoDbLocalSource Source => DynamoDbLocalSource.Endpoint;

    public int? ProcessId => null;

    public static async Task<ExternalEndpoint> ConnectAsync(string url, Action<string> log, CancellationToken cancellationToken)
    {
        var origin = Origin(url);
        var endpoint = Parse(url)
            ?? throw new DynamoDbLocalException(
                $"'{url}' ({origin}) is not an absolute http:// or https:// URL. Set it to the address of a running "
                + $"DynamoDB Local such as http://localhost:8000, or unset {DynamoDbLocal.EndpointEnvironmentVariable} "
                + "to have one started.");

        var elapsed = Stopwatch.StartNew();

        // The SDK's own timeout is set past the deadline so the deadline decides, and the message says "within 5 s".
        using var client = LocalClientFactory.CreateProbe(endpoint, ProbeTimeout + TimeSpan.FromSeconds(1));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ProbeTimeout);
        try
        {
            await client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                   && (deadline.IsCancellationRequested || ex is TimeoutException))
        {
            throw new DynamoDbLocalException(
                $"DynamoDB at '{url}' ({origin}) did not answer ListTables within {Describe.Seconds(ProbeTimeout)}. "
                + $"Start it, or unset {DynamoDbLocal.EndpointEnvironmentVariable} to have one started.",
                ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DynamoDbLocalException(
                $"DynamoDB at '{url}' ({origin}) is not reachable: {Describe.Failure(ex)}. "
                + $"Start it, or unset {DynamoDbLocal.EndpointEnvironmentVariable} to have one started.",
                ex);
        }

        log($"Using DynamoDB at {Describe.Endpoint(endpoint)} ({origin}); it answered ListTables in {Describe.Seconds(elapsed.Elapsed)}");
        return new ExternalEndpoint(endpoint);
    }

    public static Uri? Parse(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;

    /// <summary>Nothing was started here, so nothing is stopped.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Names where the URL came from, so the message points at the setting to fix.</summary>
    private static string Origin(string url) =>
        string.Equals(Environment.GetEnvironmentVariable(DynamoDbLocal.EndpointEnvironmentVariable), url, StringComparison.Ordinal)
            ? $"from {DynamoDbLocal.EndpointEnvironmentVariable}"
            : $"from DynamoDbLocalOptions.EndpointUrl, which defaults to {DynamoDbLocal.EndpointEnvironmentVariable}";
}
