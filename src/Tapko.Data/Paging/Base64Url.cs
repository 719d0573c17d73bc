namespace Tapko.Data.Paging;

/// <summary>Unpadded base64url (RFC 4648 §5), so tokens travel in URLs and headers unescaped. net8.0 has no built-in one.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? TryDecode(string text)
    {
        if (text.Length % 4 == 1)
        {
            return null;
        }

        var chars = new char[text.Length + ((4 - (text.Length % 4)) % 4)];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }

            chars[i] = c switch { '-' => '+', '_' => '/', _ => c };
        }

        chars.AsSpan(text.Length).Fill('=');
        var buffer = new byte[chars.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(chars, buffer, out var written))
        {
            return null;
        }

        var bytes = buffer[..written];
        // Refuse non-canonical encodings (stray low bits in the last character) so one token has one spelling.
        return Encode(bytes) == text ? bytes : null;
    }
}
