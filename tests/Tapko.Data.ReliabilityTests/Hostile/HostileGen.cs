using System.Globalization;
using System.Text;
using CsCheck;

namespace Tapko.Data.ReliabilityTests.Hostile;

/// <summary>Generators of hostile text: key delimiters and prefixes, control characters, broken UTF-16, huge lengths.</summary>
public static class HostileGen
{
    private static readonly Gen<string> Plain =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@+=~ "].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> KeyFragments = Gen.OneOfConst(
        "#", "##", "PROJECT#x", "PROJECT#", "FEEDBACK#", "USER#", "STATUS#open#", "GSI1", "PK", "SK", "USER#alice#PROJECT#1",
        "FEEDBACK#01ARZ3NDEKTSV4RRFFQ69G5FAV", "\u0023", "＃", "%23", "\\#", "' OR '1'='1", "${x}", "{\"a\":1}");

    private static readonly Gen<string> Controls = Gen.OneOf(
        Gen.Char['\0', '\u001F'].Select(c => c.ToString()),
        Gen.OneOfConst("\u007F", "\u0085", "\u009F", "\t", "\n", "\r\n", "\u2028", "\u200B", "\uFEFF"));

    private static readonly Gen<string> Unicode = Gen.OneOf(
        Gen.Char['\u00A0', '\uD7FF'].Select(c => c.ToString()),
        Gen.OneOfConst("😀", "👩‍👩‍👧", "e\u0301", "ß", "İ", "\uFFFD", "\uFFFF", "\u3000"),
        Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString()));

    private static readonly Gen<string> Spaces = Gen.OneOfConst(" ", "  ", "\u00A0", "\u3000", "\t");

    /// <summary>Concatenations of fragments, mostly short; sometimes long enough to break a length rule.</summary>
    public static Gen<string> Text(int longMin, int longMax) =>
        Gen.Frequency(
            (8, Gen.Frequency((6, Plain), (3, KeyFragments), (2, Controls), (2, Unicode), (1, Spaces)).Array[0, 6].Select(string.Concat)),
            (1, Gen.Int[longMin, longMax].Select(Gen.Char['a', 'z'], (n, c) => new string(c, n))));

    /// <summary>
    /// Candidate feedback ids: real ULIDs, their lower case, ULIDs broken in one of many ways, and ULIDs whose
    /// timestamps sit at the edges: just inside and outside the store's window around now, at the epoch, at the last
    /// millisecond of 9999 and past it (a 48-bit timestamp reaches the year 10889).
    /// </summary>
    public static Gen<string> FeedbackIdText =>
        Gen.Int[0, int.MaxValue].Select(Gen.Int[0, 16], Gen.Int[0, 25], Gen.Char["IiLlOoUu#\0 \u00E9Z8-_"], (seed, how, at, c) =>
        {
            var ulid = Ulid.NewUlid(DateTimeOffset.UnixEpoch.AddMilliseconds(seed % 4_000_000_000_000L), RandomBytes(seed)).ToString();
            var random = ulid[10..];
            return how switch
            {
                13 => Ulid.NewUlid(DateTimeOffset.UtcNow.AddSeconds(EdgeSeconds[seed % EdgeSeconds.Length]), RandomBytes(seed)).ToString(),
                14 => Ulid.NewUlid(seed % 2 == 0 ? DateTimeOffset.UnixEpoch : DateTimeOffset.MaxValue, RandomBytes(seed)).ToString(),
                15 => TimestampText(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() + 1 + (seed % 1000)) + random,
                16 => TimestampText((1L << 48) - 1 - (seed % 1000)) + random,
                0 or 1 or 2 => ulid,
                3 => ulid.ToLowerInvariant(),
                4 => ulid[..at] + c + ulid[(at + 1)..],
                5 => ulid[..^1],
                6 => ulid + "0",
                7 => "8" + ulid[1..],
                8 => "FEEDBACK#" + ulid,
                9 => ulid[..at] + "\n" + ulid[(at + 1)..],
                10 => string.Empty,
                11 => " " + ulid[1..],
                _ => "Z" + ulid[1..],
            };
        });

    /// <summary>Seconds from now at the edges of the default window (15 minutes back, 1 minute ahead), each side of each.</summary>
    private static readonly int[] EdgeSeconds = [-15 * 60 - 30, -15 * 60 + 30, -60, 0, 30, 90, -86_400, 2_000_000_000];

    /// <summary>The ten Crockford characters of a ULID timestamp, for timestamps the Ulid type itself will not encode.</summary>
    private static string TimestampText(long milliseconds)
    {
        const string crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var chars = new char[10];
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = crockford[(int)(milliseconds % 32)];
            milliseconds /= 32;
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(int seed)
    {
        var bytes = new byte[10];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// JSON text for a payload, built from a seed: objects, arrays, strings with hostile text, numbers at and past
    /// DynamoDB's limits, nesting past 30 levels, duplicate and empty names, non-object roots, and payloads near and
    /// past the 400 KB item limit.
    /// </summary>
    public static Gen<string> PayloadJson => Gen.Int[0, int.MaxValue].Select(seed => new PayloadBuilder(seed).Build());

    private sealed class PayloadBuilder(int seed)
    {
        /// <summary>
        /// Numbers at and past DynamoDB's limits (38 digits, 1E-130 to 9.99E+125), exponents past a long, and the many
        /// spellings of one value that must become one canonical text.
        /// </summary>
        private static readonly string[] EdgeNumbers =
        [
            "1e99999999999999999999", "-1e-99999999999999999999", "1e9223372036854775808", "1E+125", "9.99e125", "1e126",
            "1e-130", "1e-131", "-1e-130", "0", "-0", "0.000", "0e99999999999999999999", "1.50", "1.5", "15E-1", "2e0",
            "2", "2.0000", "12345678901234567890123456789012345678", "123456789012345678901234567890123456789",
            "0.00000000000000000000000000000000000001234", "-99999999999999999999999999999999999999e88",
        ];

        private readonly Random random = new(seed);
        private readonly StringBuilder json = new();

        public string Build()
        {
            switch (random.Next(20))
            {
                case 0:
                    return random.Next(4) switch { 0 => "[1,2]", 1 => "\"text\"", 2 => "42", _ => "null" };
                case 1:
                    // Near the 400 KB item limit: one big string of 395,000..420,000 bytes.
                    var size = 395_000 + random.Next(25_000);
                    return $"{{\"blob\":\"{new string('x', size)}\"}}";
                case 2:
                    return Nested(25 + random.Next(12));
                default:
                    WriteObject(0);
                    return json.ToString();
            }
        }

        /// <summary>Objects and arrays alternating <paramref name="depth"/> levels deep under one root property.</summary>
        private static string Nested(int depth)
        {
            var text = new StringBuilder("{\"root\":");
            for (var i = 0; i < depth; i++)
            {
                text.Append(i % 2 == 0 ? "{\"n\":" : "[");
            }

            text.Append("true");
            for (var i = depth - 1; i >= 0; i--)
            {
                text.Append(i % 2 == 0 ? '}' : ']');
            }

            return text.Append('}').ToString();
        }

        private void WriteObject(int depth)
        {
            json.Append('{');
            var count = random.Next(depth > 3 ? 2 : 5);
            var names = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var name = random.Next(12) switch
                {
                    0 => string.Empty,
                    1 when names.Count > 0 => names[0],
                    2 => "#",
                    3 => "PROJECT#x",
                    4 => "FEEDBACK#",
                    5 => "\\u0000",
                    6 => "\\ud800",
                    _ => "k" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
                };
                names.Add(name);
                if (i > 0)
                {
                    json.Append(',');
                }

                json.Append('"').Append(name).Append("\":");
                WriteValue(depth + 1);
            }

            json.Append('}');
        }

        private void WriteValue(int depth)
        {
            switch (random.Next(depth > 4 ? 5 : 8))
            {
                case 0:
                    json.Append(random.Next(2) == 0 ? "true" : "false");
                    break;
                case 1:
                    json.Append("null");
                    break;
                case 2:
                    WriteNumber();
                    break;
                case 3:
                case 4:
                    WriteString();
                    break;
                case 5:
                    WriteObject(depth);
                    break;
                default:
                    json.Append('[');
                    var n = random.Next(4);
                    for (var i = 0; i < n; i++)
                    {
                        if (i > 0)
                        {
                            json.Append(',');
                        }

                        WriteValue(depth + 1);
                    }

                    json.Append(']');
                    break;
            }
        }

        private void WriteNumber()
        {
            if (random.Next(4) == 0)
            {
                json.Append(EdgeNumbers[random.Next(EdgeNumbers.Length)]);
                return;
            }

            var digits = 1 + random.Next(random.Next(5) == 0 ? 45 : 12);
            if (random.Next(3) == 0)
            {
                json.Append('-');
            }

            json.Append((char)('1' + random.Next(9)));
            for (var i = 1; i < digits; i++)
            {
                json.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(3) == 0)
            {
                json.Append('.').Append(random.Next(1000).ToString(CultureInfo.InvariantCulture));
            }

            if (random.Next(3) == 0)
            {
                json.Append('e').Append((random.Next(300) - 150).ToString(CultureInfo.InvariantCulture));
            }
        }

        private void WriteString()
        {
            json.Append('"');
            switch (random.Next(8))
            {
                case 0:
                    json.Append("\\u0000\\u001f\\n\\t");
                    break;
                case 1:
                    json.Append("\\ud800");
                    break;
                case 2:
                    json.Append("PROJECT#x FEEDBACK# USER#");
                    break;
                case 3:
                    json.Append("\\ud83d\\ude00 e\\u0301");
                    break;
                case 4:
                    json.Append(new string('y', random.Next(random.Next(10) == 0 ? 150_000 : 40)));
                    break;
                default:
                    json.Append("text ").Append(random.Next(100).ToString(CultureInfo.InvariantCulture));
                    break;
            }

            json.Append('"');
        }
    }
}
