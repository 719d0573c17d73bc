namespace Tapko.Data;

/// <summary>
/// The rules every caller-supplied identifier obeys before it may become part of a DynamoDB key.
/// </summary>
/// <remarks>
/// Keys are built by joining a prefix and an id with <c>#</c>, so an id containing <c>#</c> could address
/// another entity's partition (for example a project id of <c>x#FEEDBACK</c>). Control characters are refused
/// because they are invisible in consoles and logs and make two ids look identical.
/// </remarks>
public static class IdRules
{
    /// <summary>The longest id accepted, in UTF-16 characters. Keeps every key well under DynamoDB's 1,024-byte sort-key limit.</summary>
    public const int MaxLength = 128;

    /// <summary>The character that separates a key prefix from its id; never allowed inside an id.</summary>
    internal const char Delimiter = '#';

    internal static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Returns the rule <paramref name="value"/> breaks, or <see langword="null"/> when it is a valid id.</summary>
    internal static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be null or empty";
        }

        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (was {value.Length})";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == Delimiter)
            {
                return $"must not contain the key delimiter '{Delimiter}'";
            }

            if (char.IsControl(c))
            {
                return $"must not contain control characters (found U+{(int)c:X4} at index {i})";
            }

        }

        if (Items.TextRules.LoneSurrogateAt(value) is { } at)
        {
            return $"must be well-formed UTF-16 (lone surrogate at index {at})";
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return "must not start or end with white space";
        }

        return null;
    }

    internal static string ThrowIfInvalid(string? value, string paramName, string kind)
    {
        var broken = Validate(value);
        if (broken is not null)
        {
            throw new ArgumentException($"{kind} {broken}.", paramName);
        }

        return value!;
    }
}
