using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Tapko.Data;

/// <summary>
/// Identifies a project. Feedback partitions are keyed by project id alone (<c>PROJECT#&lt;projectId&gt;</c>),
/// so project ids should be globally unique: mint them with <see cref="New"/>.
/// </summary>
/// <remarks>
/// A caller-chosen id that two tenants happen to share never leaks data — every feedback read and write is
/// checked against the owner — but both tenants' feedback would then share one partition and pay for each
/// other's items in list queries. Valid ids follow <see cref="IdRules"/>.
/// </remarks>
[JsonConverter(typeof(ProjectIdJsonConverter))]
public readonly record struct ProjectId : IParsable<ProjectId>
{
    private ProjectId(string value) => Value = value;

    /// <summary>The id as given. <see langword="null"/> only for <c>default(ProjectId)</c>, which every store call refuses.</summary>
    public string Value { get; }

    /// <summary>Mints a new, globally unique, time-sortable project id (a ULID).</summary>
    public static ProjectId New() => new(Ulid.NewUlid().ToString());

    /// <summary>Parses <paramref name="value"/> or throws <see cref="ArgumentException"/> naming the broken rule.</summary>
    /// <param name="value">The candidate id.</param>
    public static ProjectId Parse(string value) => new(IdRules.ThrowIfInvalid(value, nameof(value), "A project id"));

    /// <summary>Parses <paramref name="value"/> without throwing.</summary>
    /// <param name="value">The candidate id.</param>
    /// <param name="result">The id when the method returns <see langword="true"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? value, out ProjectId result)
    {
        result = IdRules.IsValid(value) ? new ProjectId(value!) : default;
        return result.Value is not null;
    }

    static ProjectId IParsable<ProjectId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<ProjectId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ProjectId result) => TryParse(s, out result);

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal string Require(string paramName) =>
        Value ?? throw new ArgumentException("A project id must be created with ProjectId.Parse or ProjectId.New; default(ProjectId) is not an id.", paramName);
}
