using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tapko.Data.Internal;

/// <summary>
/// Turns a query's resume position into an opaque, URL-safe token and back, refusing any token that was modified or
/// that another query produced.
/// </summary>
/// <remarks>
/// The token carries only the position (the last item's id); the query it belongs to (owner, project, index, status,
/// order, range) is folded into an HMAC-SHA256 tag, so a token presented to any other query fails verification.
/// Without a configured key a built-in one is used: that still detects corruption and cross-query reuse, and a forger
/// gains nothing because every query is bounded by its owner anyway; a configured secret key makes tokens unforgeable.
/// </remarks>
internal sealed class ContinuationTokenCodec
{
    public const int MinimumKeyBytes = 32;
    private const byte FormatVersion = 1;
    private const int TagBytes = 32;
    private const int MaxTokenChars = 1_024;

    private static readonly byte[] BuiltInKey = Encoding.UTF8.GetBytes("Tapko.Data continuation token integrity key, v1");

    private readonly byte[] key;

    public ContinuationTokenCodec(byte[]? signingKey)
    {
        key = signingKey is null ? BuiltInKey : (byte[])signingKey.Clone();
    }

    public string Encode(string binding, string position)
    {
        var positionBytes = Encoding.UTF8.GetBytes(position);
        var token = new byte[1 + positionBytes.Length + TagBytes];
        token[0] = FormatVersion;
        positionBytes.CopyTo(token, 1);
        ComputeTag(binding, token.AsSpan(0, 1 + positionBytes.Length), token.AsSpan(1 + positionBytes.Length));
        return Base64Url.Encode(token);
    }

    /// <summary>Returns the position carried by <paramref name="token"/>, or throws <see cref="InvalidContinuationTokenException"/>.</summary>
    public string Decode(string token, string binding)
    {
        if (token.Length is 0 or > MaxTokenChars)
        {
            throw new InvalidContinuationTokenException($"its length must be between 1 and {MaxTokenChars} characters");
        }

        var bytes = Base64Url.TryDecode(token)
            ?? throw new InvalidContinuationTokenException("it is not base64url text");
        if (bytes.Length < 1 + 1 + TagBytes || bytes[0] != FormatVersion)
        {
            throw new InvalidContinuationTokenException("it is not a token of this library's format");
        }

        Span<byte> expected = stackalloc byte[TagBytes];
        ComputeTag(binding, bytes.AsSpan(0, bytes.Length - TagBytes), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - TagBytes)))
        {
            throw new InvalidContinuationTokenException("it was modified, or produced by another query, owner or key");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 1, bytes.Length - 1 - TagBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidContinuationTokenException("its position is not text");
        }
    }

    private void ComputeTag(string binding, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // Length-prefix the binding so (binding, body) pairs cannot be re-split into another valid pair.
        var bindingBytes = Encoding.UTF8.GetBytes(binding);
        var message = new byte[4 + bindingBytes.Length + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, bindingBytes.Length);
        bindingBytes.CopyTo(message, 4);
        body.CopyTo(message.AsSpan(4 + bindingBytes.Length));
        HMACSHA256.HashData(key, message, destination);
    }
}
