using System.Net;
using System.Net.Http.Headers;

namespace Tapko.Data.Benchmarks.Stub;

/// <summary>
/// Answers every DynamoDB request in-process with a prepared body chosen by the operation name in the
/// <c>X-Amz-Target</c> header, so a benchmark measures only the client's own CPU and allocations: building, signing
/// and serialising the request, parsing the response, and whatever the caller's code adds around them.
/// </summary>
public sealed class CannedResponseHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.0");

    private Dictionary<string, byte[]> bodies = new(StringComparer.Ordinal);

    /// <summary>Requests answered so far; a benchmark can check it sent as many as it meant to.</summary>
    public long Requests { get; private set; }

    public void Serve(Dictionary<string, byte[]> bodiesByOperation) => bodies = new(bodiesByOperation, StringComparer.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (!bodies.TryGetValue(operation, out var body))
        {
            throw new InvalidOperationException($"The stub has no canned answer for '{operation}'.");
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = ContentType;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.Add("x-amzn-RequestId", "STUB");
        return Task.FromResult(response);
    }
}
