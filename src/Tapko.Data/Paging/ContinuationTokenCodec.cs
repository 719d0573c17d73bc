using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tapko.Data.Paging;

/// <summary>
/// Turns a query's resume position into an opaque, URL-safe token and back, refusing any token that was modified or
/// that another query produced.
/// </summary>
/// <remarks>
/// <para>
/// The position (the last evaluated item's id) is encrypted, then the query it belongs to (owner, project, index,
/// status, order, range) and the ciphertext are folded into an HMAC-SHA256 tag (encrypt-then-MAC), so a token
/// presented to any other query fails verification.
/// </para>
/// <para>
/// Encrypted because the last evaluated item need not be the caller's: the owner check is a filter, so when two
/// tenants share a project id a page can end on the other tenant's item, and its id (which carries a creation time)
/// must not travel to the caller in clear. The keystream is HMAC-SHA256 of a random nonce and a block counter, a PRF
/// in counter mode, so only HMAC is needed on every target framework.
/// </para>
/// <para>
/// Without a configured key a built-in one is used: that still detects corruption and cross-query reuse, and a
/// forger gains nothing because every query is bounded by its owner anyway; a configured secret key makes tokens
/// unforgeable and their contents confidential.
/// </para>
/// </remarks>
internal sealed class ContinuationTokenCodec
{
    public const int MinimumKeyBytes = 32;
    private const byte FormatVersion = 2;
    private const int NonceBytes = 12;
    private const int TagBytes = 32;
    private const int MaxTokenChars = 1_024;
    private const int HeaderBytes = 1 + NonceBytes;

    private static readonly byte[] BuiltInKey = Encoding.UTF8.GetBytes("Tapko.Data continuation token integrity key, v1");

    private readonly byte[] encryptionKey;
    private readonly byte[] macKey;

    public ContinuationTokenCodec(byte[]? signingKey)
    {
        // Separate keys for the two jobs, derived from the one the host configures.
        var key = signingKey ?? BuiltInKey;
        encryptionKey = HMACSHA256.HashData(key, "Tapko.Data token encryption"u8);
        macKey = HMACSHA256.HashData(key, "Tapko.Data token authentication"u8);
    }

    public string Encode(string binding, string position)
    {
        var positionBytes = Encoding.UTF8.GetBytes(position);
        var token = new byte[HeaderBytes + positionBytes.Length + TagBytes];
        token[0] = FormatVersion;
        var nonce = token.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var body = token.AsSpan(HeaderBytes, positionBytes.Length);
        positionBytes.CopyTo(body);
        ApplyKeystream(nonce, body);
        ComputeTag(binding, token.AsSpan(0, HeaderBytes + positionBytes.Length), token.AsSpan(HeaderBytes + positionBytes.Length));
        return Base64Url.Encode(token);
    }

    /// <summary>Returns the position carried by <paramref name="token"/>, or throws <see cref="InvalidContinuationTokenException"/>.</summary>
    public string Decode(string token, string binding)
    {
        var bytes = Open(token);
        var bodyLength = bytes.Length - HeaderBytes - TagBytes;
        Span<byte> expected = stackalloc byte[TagBytes];
        ComputeTag(binding, bytes.AsSpan(0, HeaderBytes + bodyLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(HeaderBytes + bodyLength)))
        {
            throw new InvalidContinuationTokenException("it was modified, or produced by another query, owner or key");
        }

        var body = bytes.AsSpan(HeaderBytes, bodyLength);
        ApplyKeystream(bytes.AsSpan(1, NonceBytes), body);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidContinuationTokenException("its position is not text");
        }
    }

    private static byte[] Open(string token)
    {
        if (token.Length is 0 or > MaxTokenChars)
        {
            throw new InvalidContinuationTokenException($"its length must be between 1 and {MaxTokenChars} characters");
        }

        var bytes = Base64Url.TryDecode(token)
            ?? throw new InvalidContinuationTokenException("it is not base64url text");
        return bytes.Length >= HeaderBytes + 1 + TagBytes && bytes[0] == FormatVersion
            ? bytes
            : throw new InvalidContinuationTokenException("it is not a token of this library's format");
    }

    private void ApplyKeystream(ReadOnlySpan<byte> nonce, Span<byte> data)
    {
        Span<byte> counterBlock = stackalloc byte[NonceBytes + 4];
        Span<byte> keystream = stackalloc byte[32];
        nonce.CopyTo(counterBlock);
        for (var offset = 0; offset < data.Length; offset += keystream.Length)
        {
            BinaryPrimitives.WriteInt32BigEndian(counterBlock[NonceBytes..], offset / keystream.Length);
            HMACSHA256.HashData(encryptionKey, counterBlock, keystream);
            var chunk = data[offset..Math.Min(data.Length, offset + keystream.Length)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] ^= keystream[i];
            }
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
        HMACSHA256.HashData(macKey, message, destination);
    }
}
