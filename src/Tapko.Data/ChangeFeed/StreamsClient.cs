using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// The three DynamoDB Streams calls the hosted projector needs: <c>DescribeStream</c>, <c>GetShardIterator</c> and
/// <c>GetRecords</c>, as signed JSON POSTs (<see cref="SigV4"/>). The endpoint is the store's <c>ServiceUrl</c> when one
/// is set (DynamoDB Local serves streams on its own port), else the region's <c>streams.dynamodb</c> endpoint.
/// </summary>
internal sealed class StreamsClient(HttpClient http, Uri endpoint, string region, Func<CancellationToken,
    ValueTask<ImmutableCredentials?>> credentials, TimeProvider time)
{
    private const string TargetPrefix = "DynamoDBStreams_20120810.";

    /// <summary>A client for the stream of the table <paramref name="dynamoDb"/> serves, as the store's options address it.</summary>
    public static StreamsClient For(IAmazonDynamoDB dynamoDb, TapkoStoreOptions store, AWSCredentials? explicitCredentials, TimeProvider time)
    {
        var region = store.Region ?? dynamoDb.Config.RegionEndpoint?.SystemName ?? dynamoDb.Config.AuthenticationRegion
            ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        var url = store.ServiceUrl ?? dynamoDb.Config.ServiceURL;
        var endpoint = url is not null ? new Uri(url) : new Uri($"https://streams.dynamodb.{region}.amazonaws.com/");
        AWSCredentials? resolved = explicitCredentials ?? dynamoDb.Config.DefaultAWSCredentials;
        var anonymous = false;
        return new StreamsClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, endpoint, region, async ct =>
        {
            if (resolved is null && !anonymous)
            {
                try
                {
                    resolved = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(dynamoDb.Config).ConfigureAwait(false);
                }
                catch (AmazonClientException) when (url is not null)
                {
                    // An explicit endpoint and no credentials anywhere: DynamoDB Local, which checks no signature.
                    anonymous = true;
                }
            }

            // The credentials object refreshes temporary credentials itself; the answer is cached until they expire.
            return resolved is null ? null : await resolved.GetCredentialsAsync().ConfigureAwait(false);
        }, time);
    }

    public async Task<JsonElement> CallAsync(string operation, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        var now = time.GetUtcNow();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/x-amz-json-1.0",
            ["host"] = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}",
            ["x-amz-date"] = SigV4.AmzDate(now),
            ["x-amz-target"] = TargetPrefix + operation,
        };
        var creds = await credentials(cancellationToken).ConfigureAwait(false);
        if (creds?.UseToken == true)
        {
            headers["x-amz-security-token"] = creds.Token;
        }

        foreach (var (name, value) in headers.Where(h => h.Key is not ("content-type" or "host")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var authorization = SigV4.Authorization("POST", "/", string.Empty, headers, bytes, creds?.AccessKey ?? "local", creds?.SecretKey ?? "local",
            region, "dynamodb", now);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        if (!response.IsSuccessStatusCode)
        {
            var type = document.RootElement.TryGetProperty("__type", out var t) ? t.GetString() ?? "?" : "?";
            var message = document.RootElement.TryGetProperty("message", out var m) || document.RootElement.TryGetProperty("Message",
                out m) ? m.GetString() : text;
            throw new StreamsException(type[(type.LastIndexOf('#') + 1)..], $"DynamoDB Streams {operation} failed ({(int)response.StatusCode}): {message}");
        }

        return document.RootElement.Clone();
    }
}

/// <summary>A DynamoDB Streams call that failed; <see cref="ErrorCode"/> is AWS's error type (e.g. <c>ExpiredIteratorException</c>).</summary>
internal sealed class StreamsException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
