using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Identifies the owner (tenant) of projects and feedback. Comes from the host's identity system;
/// the library never mints one.
/// </summary>
/// <remarks>Valid ids follow <see cref="IdRules"/>: non-empty, at most <see cref="IdRules.MaxLength"/> characters,
/// no <c>#</c>, no control characters, no leading or trailing white space.</remarks>
[JsonConverter(typeof(UserIdJsonConverter))]
public readonly record struct UserId : IParsable<UserId>
{
    private UserId(string value) => Value = value;

    /// <summary>The id as given. <see langword="null"/> only for <c>default(UserId)</c>, which every store call refuses.</summary>
    public string Value { get; }

    /// <summary>Parses <paramref name="value"/> or throws <see cref="ArgumentException"/> naming the broken rule.</summary>
    /// <param name="value">The candidate id.</param>
    public static UserId Parse(string value) => new(IdRules.ThrowIfInvalid(value, nameof(value), "A user id"));

    /// <summary>Parses <paramref name="value"/> without throwing.</summary>
    /// <param name="value">The candidate id.</param>
    /// <param name="result">The id when the method returns <see langword="true"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? value, out UserId result)
    {
        result = IdRules.IsValid(value) ? new UserId(value!) : default;
        return result.Value is not null;
    }

    static UserId IParsable<UserId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<UserId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out UserId result) => TryParse(s, out result);

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal string Require(string paramName) =>
        Value ?? throw new ArgumentException("A user id must be created with UserId.Parse; default(UserId) is not an id.", paramName);
}
