namespace Tapko.Data.Items;

/// <summary>Checks on free text (messages, names, payload strings) that would otherwise fail inside DynamoDB or change on the way.</summary>
internal static class TextRules
{
    /// <summary>
    /// A lone surrogate cannot be encoded as UTF-8: the SDK would replace it with U+FFFD and the text would read
    /// back different from what was written.
    /// </summary>
    public static void ThrowIfMalformedUtf16(string text, string paramName, string what)
    {
        if (LoneSurrogateAt(text) is { } i)
        {
            throw new ArgumentException($"{what} is not well-formed UTF-16 (lone surrogate at index {i}).", paramName);
        }
    }

    /// <summary>The index of the first surrogate without its pair, or <see langword="null"/> when the text is well-formed.</summary>
    public static int? LoneSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    public static string RequireMessage(string? message, string paramName)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ArgumentException("A feedback message must not be null, empty or only white space.", paramName);
        }

        if (message.Length > NewFeedback.MaxMessageLength)
        {
            throw new ArgumentException($"A feedback message must be at most {NewFeedback.MaxMessageLength:N0} characters (was {message.Length:N0}).",
                paramName);
        }

        ThrowIfMalformedUtf16(message, paramName, "The feedback message");
        return message;
    }

    public static string RequireProjectName(string? name, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A project name must not be null, empty or only white space.", paramName);
        }

        if (name.Length > ProjectRules.MaxNameLength)
        {
            throw new ArgumentException($"A project name must be at most {ProjectRules.MaxNameLength} characters (was {name.Length}).", paramName);
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("A project name must not contain control characters.", paramName);
        }

        ThrowIfMalformedUtf16(name, paramName, "The project name");
        return name;
    }
}
