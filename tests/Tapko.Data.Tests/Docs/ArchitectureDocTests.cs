using System.Reflection;
using System.Text.RegularExpressions;

namespace Tapko.Data.Tests;

/// <summary>
/// docs/architecture.md is the map of src/Tapko.Data; these keep every name on it one that exists: each file or folder
/// it names in backticks, and each type, namespace or member it names in backticks (a PascalCase name, or
/// <c>Type.Member</c>, or the callee of <c>Type.Member(...)</c>). Other code spans (<c>context.Requests</c>, metric
/// names) are prose to them. What the page says of the names is not checked: that stays a reviewer's.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private const string DocPath = "docs/architecture.md";

    private const BindingFlags AnyMember =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;

    private static readonly string Root = TableDefinitionDocTests.RepoRoot();
    private static readonly string Library = Path.Combine(Root, "src", "Tapko.Data");
    private static readonly Type[] LibraryTypes = typeof(FeedbackStore).Assembly.GetTypes();

    /// <summary>Names the page uses that are not the library's own: DynamoDB's operations and types, .NET's.</summary>
    private static readonly HashSet<string> ExternalNames = new(StringComparer.Ordinal)
    {
        "IAmazonDynamoDB", "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "TransactWriteItems", "ConsumedCapacity",
        "ActivitySource", "Meter",
    };

    private static readonly string[] FileExtensions = [".cs", ".csproj", ".props", ".txt", ".md", ".json", ".sh"];

    [Fact]
    public void Every_file_and_folder_it_names_exists()
    {
        // Relative to src/Tapko.Data (`Stores/SingleMove.cs`, `Schema/`, `Items/PayloadConverter`) or to the repository.
        var stale = CodeSpans().Where(IsPath).Where(path => !PathExists(path)).Distinct().ToList();

        Listed(stale).Should().BeEmpty("every path {0} names must exist under src/Tapko.Data or the repository root", DocPath);
    }

    [Fact]
    public void Every_type_namespace_and_member_it_names_is_in_the_library()
    {
        var stale = CodeSpans().Where(span => !IsPath(span)).Select(CodeName).OfType<string>()
            .Where(name => !NameExists(name)).Distinct().ToList();

        Listed(stale).Should().BeEmpty(
            "every type, namespace or member {0} names must be one of Tapko.Data's (public or internal) or a known external name", DocPath);
    }

    /// <summary>Every stale name in the failure message, not just the first.</summary>
    private static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(n => "`" + n + "`"));

    private static IEnumerable<string> CodeSpans()
    {
        var doc = File.ReadAllText(Path.Combine(Root, DocPath)).ReplaceLineEndings("\n");
        return CodeSpan().Matches(FencedBlock().Replace(doc, string.Empty)).Select(m => m.Groups[1].Value.Trim());
    }

    private static bool IsPath(string span) =>
        !span.Contains(' ', StringComparison.Ordinal)
        && (span.Contains('/', StringComparison.Ordinal) || FileExtensions.Any(e => span.EndsWith(e, StringComparison.Ordinal)));

    private static bool PathExists(string path)
    {
        var relative = path.TrimEnd('/');
        return new[] { Library, Root }
            .SelectMany(dir => new[] { Path.Combine(dir, relative), Path.Combine(dir, relative + ".cs") })
            .Any(candidate => File.Exists(candidate) || Directory.Exists(candidate));
    }

    /// <summary>The name a span stands for (`A.B(x, y)` stands for A.B), or null where it is no PascalCase name.</summary>
    private static string? CodeName(string span)
    {
        var match = DottedName().Match(span);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static bool NameExists(string name)
    {
        if (ExternalNames.Contains(name) || IsNamespace(name) || TypesNamed(name).Any())
        {
            return true;
        }

        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            // A bare member name: `AddTapkoStore`, `WithClaimAsync`, `Transactional`.
            return LibraryTypes.Any(t => t.GetMember(name, AnyMember).Length > 0);
        }

        var member = name[(dot + 1)..];
        return TypesNamed(name[..dot]).Any(t => t.GetMember(member, AnyMember).Length > 0);
    }

    private static bool IsNamespace(string name) =>
        LibraryTypes.Any(t => t.Namespace is { } ns
            && (ns == name || ns == "Tapko.Data." + name || ns.StartsWith(name + ".", StringComparison.Ordinal)));

    /// <summary>Types whose simple name, nested path (Outer.Inner) or full name is the given one.</summary>
    private static IEnumerable<Type> TypesNamed(string name) =>
        LibraryTypes.Where(t => SimpleName(t) == name || NestedPath(t) == name || t.Namespace + "." + NestedPath(t) == name);

    private static string NestedPath(Type type) =>
        type.DeclaringType is { } outer ? NestedPath(outer) + "." + SimpleName(type) : SimpleName(type);

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*)(?:\(.*\))?$")]
    private static partial Regex DottedName();
}
