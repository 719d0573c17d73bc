using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// AWS Signature Version 4 for the JSON POST requests of the DynamoDB Streams API. The SDK for .NET v4 ships no
/// Streams client in AWSSDK.DynamoDBv2, and the separate package is not one this library can depend on, so the four
/// calls the hosted projector makes are signed here; unit-tested against AWS's published test-suite signature.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// The <c>Authorization</c> header of a request with <paramref name="headers"/> (lower-case names; <c>host</c> and
    /// <c>x-amz-date</c> among them) and <paramref name="body"/>, signed for <paramref name="region"/> and
    /// <paramref name="service"/> at <paramref name="time"/>.
    /// </summary>
    public static string Authorization(
        string method, string path, string query, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body,
        string accessKey, string secretKey, string region, string service, DateTimeOffset time)
    {
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var signedHeaders = string.Join(';', headers.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append(query).Append('\n');
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"{Algorithm}\n{AmzDate(time)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, toSign));
        return $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The <c>x-amz-date</c> form of <paramref name="time"/>.</summary>
    public static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
