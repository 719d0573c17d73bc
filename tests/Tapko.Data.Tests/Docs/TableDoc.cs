using System.Text.RegularExpressions;

namespace Tapko.Data.Tests;

/// <summary>docs/table.md and its code blocks, as the doc tests read them.</summary>
internal static partial class TableDoc
{
    private static readonly Lazy<string> Content = new(() =>
        File.ReadAllText(Path.Combine(TableDefinitionDocTests.RepoRoot(), "docs", "table.md")).ReplaceLineEndings("\n"));

    public static string Text => Content.Value;

    /// <summary>The first code block of <paramref name="language"/> after the heading <paramref name="heading"/> (any level).</summary>
    public static string Snippet(string heading, string language)
    {
        var start = Text.IndexOf($"## {heading}\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, $"docs/table.md must have a '{heading}' heading");
        var block = Regex.Match(Text[start..], $"```{Regex.Escape(language)}\\n(.*?)```", RegexOptions.Singleline);
        block.Success.Should().BeTrue($"a ```{language} block must follow '{heading}'");
        return block.Groups[1].Value.TrimEnd();
    }
}

/// <summary>
/// YAML read by indentation: enough for the CloudFormation snippet's mappings, block lists and quoted or tagged scalars
/// (kept as text, e.g. <c>!GetAtt TapkoTable.Arn</c>). Not a YAML parser: a snippet outside that subset fails its test.
/// </summary>
internal sealed partial class YamlText
{
    private readonly List<Line> lines;

    private YamlText(List<Line> lines) => this.lines = lines;

    public static YamlText Parse(string yaml) =>
        new([.. yaml.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Select(Line.Of)]);

    /// <summary>The keys at this block's top level, in order.</summary>
    public IEnumerable<string> Keys => lines.Where(l => l.Indent == Top).Select(l => l.Key).OfType<string>();

    private int Top => lines.Count == 0 ? 0 : lines.Min(l => l.Indent);

    /// <summary>The inline value of <paramref name="key"/>, unquoted; <see langword="null"/> when it has none.</summary>
    public string? Scalar(string key)
    {
        var value = Find(key).Value;
        return value.Length == 0 ? null
            : value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1]
            : value;
    }

    /// <summary>The block under <paramref name="key"/>: the lines after it, more indented.</summary>
    public YamlText Child(string key)
    {
        var at = lines.IndexOf(Find(key));
        return new([.. lines.Skip(at + 1).TakeWhile(l => l.Indent > lines[at].Indent)]);
    }

    /// <summary>The scalar items of the list under <paramref name="key"/>.</summary>
    public IReadOnlyList<string> Items(string key)
    {
        var child = Child(key);
        return [.. child.lines.Where(l => l.Item && l.Indent == child.Top).Select(l => l.Text)];
    }

    /// <summary>The logical ids of the resources of <paramref name="type"/> under <c>Resources</c>.</summary>
    public IReadOnlyList<string> ResourcesOfType(string type)
    {
        var resources = Child("Resources");
        return [.. resources.Keys.Where(id => resources.Child(id).Scalar("Type") == type)];
    }

    /// <summary>The one resource of <paramref name="type"/>: its logical id and its <c>Properties</c>.</summary>
    public (string Id, YamlText Properties) Resource(string type)
    {
        var ids = ResourcesOfType(type);
        ids.Should().ContainSingle($"the CloudFormation snippet declares one {type}");
        return (ids[0], Child("Resources").Child(ids[0]).Child("Properties"));
    }

    private Line Find(string key) =>
        lines.FirstOrDefault(l => l.Indent == Top && l.Key == key)
        ?? throw new InvalidOperationException($"No key '{key}' at the top of this YAML block.");

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_.-]+):(\s+(?<value>.*))?$")]
    private static partial Regex KeyValue();

    private sealed record Line(int Indent, bool Item, string Text, string? Key, string Value)
    {
        /// <summary>A list item's dash counts as indentation, so the keys of a one-line-started mapping line up.</summary>
        public static Line Of(string raw)
        {
            var indent = raw.Length - raw.TrimStart(' ').Length;
            var text = raw.Trim();
            var item = false;
            while (text.StartsWith("- ", StringComparison.Ordinal))
            {
                item = true;
                indent += 2;
                text = text[2..].TrimStart();
            }

            var match = KeyValue().Match(text);
            return match.Success
                ? new Line(indent, item, text, match.Groups["key"].Value, match.Groups["value"].Value.Trim())
                : new Line(indent, item, text, null, string.Empty);
        }
    }
}

/// <summary>Terraform read as text: a resource's body by brace matching, and its <c>name = value</c> lines.</summary>
internal static partial class HclText
{
    /// <summary>The one resource of <paramref name="type"/>: its name and its body.</summary>
    public static (string Name, string Body) Resource(string hcl, string type)
    {
        var matches = Regex.Matches(hcl, $"^resource \"{Regex.Escape(type)}\" \"(?<name>[a-z0-9_]+)\" \\{{", RegexOptions.Multiline);
        matches.Should().ContainSingle($"the Terraform snippet declares one {type}");
        return (matches[0].Groups["name"].Value, Body(hcl, matches[0].Index + matches[0].Length - 1));
    }

    /// <summary>The body of the nested block <paramref name="name"/> (<c>name {</c> … <c>}</c>) in <paramref name="body"/>.</summary>
    public static string Block(string body, string name)
    {
        var match = Regex.Match(body, $"^\\s*{Regex.Escape(name)} \\{{", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"a '{name}' block must be there");
        return Body(body, match.Index + match.Length - 1);
    }

    /// <summary>The value of the first <c>name = value</c> line in <paramref name="body"/>, without its quotes.</summary>
    public static string Attribute(string body, string name)
    {
        var match = Regex.Match(body, $"^\\s*{Regex.Escape(name)}\\s*=\\s*(?<value>.+?)\\s*$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"'{name} = ...' must be set");
        var value = match.Groups["value"].Value;
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }

    /// <summary>The strings of a one-line list value: <c>["a", "b"]</c>.</summary>
    public static IReadOnlyList<string> List(string body, string name) =>
        [.. Regex.Matches(Attribute(body, name), "\"([^\"]*)\"").Select(m => m.Groups[1].Value)];

    private static string Body(string text, int openBrace)
    {
        var depth = 0;
        for (var i = openBrace; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(openBrace + 1)..i];
            }
        }

        throw new InvalidOperationException("Unbalanced braces in the Terraform snippet.");
    }
}

/// <summary>C# (the CDK snippet) read as text: the <c>Name = value,</c> lines of an object initializer.</summary>
internal static partial class CSharpText
{
    /// <summary>The properties set in the initializer of the one <c>new <paramref name="propsType"/></c> in <paramref name="cs"/>.</summary>
    public static IReadOnlyDictionary<string, string> Initializer(string cs, string propsType)
    {
        var matches = Regex.Matches(cs, $"new {Regex.Escape(propsType)}\\s*\\{{");
        matches.Should().ContainSingle($"the CDK snippet builds one {propsType}");
        var open = matches[0].Index + matches[0].Length - 1;
        var depth = 0;
        var end = open;
        for (; end < cs.Length; end++)
        {
            depth += cs[end] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                break;
            }
        }

        return Property().Matches(cs[(open + 1)..end])
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
    }

    /// <summary>The variable a <c>var name = new Type(</c> line assigns.</summary>
    public static string VariableOf(string cs, string type)
    {
        var match = Regex.Match(cs, $"^var (?<name>\\w+) = new {Regex.Escape(type)}\\(", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"the CDK snippet must create a {type} in a variable");
        return match.Groups["name"].Value;
    }

    /// <summary>Seconds of <c>Duration.Seconds(n)</c>, <c>Duration.Minutes(n)</c> or <c>Duration.Hours(n)</c>.</summary>
    public static int Seconds(string duration)
    {
        var match = Regex.Match(duration, @"^Duration\.(?<unit>Seconds|Minutes|Hours|Days)\((?<n>\d+)\)$");
        match.Success.Should().BeTrue($"'{duration}' must be a Duration of whole units");
        var n = int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch { "Seconds" => n, "Minutes" => n * 60, "Hours" => n * 3600, _ => n * 86400 };
    }

    [GeneratedRegex(@"^\s{4}(?<name>[A-Z]\w*) = (?<value>.+?),?$", RegexOptions.Multiline)]
    private static partial Regex Property();
}
