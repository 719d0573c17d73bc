using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tapko.Data.Tests;

/// <summary>The README is documentation people copy from; these keep it true to the code.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = TableDefinitionDocTests.RepoRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_quick_start_is_the_compiled_file_verbatim()
    {
        var quickStart = File.ReadAllText(Path.Combine(Root, "tests", "PackageConsumer", "QuickStart.cs")).ReplaceLineEndings("\n");

        Readme.Should().Contain("```csharp\n" + quickStart + "```");
    }

    [Fact]
    public void Ci_runs_exactly_the_readmes_test_command()
    {
        var commands = File.ReadAllLines(Path.Combine(Root, ".ci", "run"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));

        Readme.Should().Contain("\n./test.sh\n```");
        commands.Should().Equal("set -euo pipefail", "cd \"$(dirname \"$0\")/..\"", "export CI=true", "./test.sh");
        Readme.Should().Contain("dotnet run --project samples/Tapko.Data.Sample\n");
    }

    [Fact]
    public void The_web_samples_command_is_the_one_its_process_test_runs()
    {
        // Every command of every bash block, its line continuations joined and its comment dropped: the README shows
        // the web sample's command exactly once, with no variable more or less than Tapko.Data.WebApi.Tests starts it with.
        var commands = BashBlock().Matches(Readme)
            .SelectMany(block => LineContinuation().Replace(block.Groups[1].Value, " ").Split('\n'))
            .Select(line => TrailingComment().Replace(line, string.Empty).Trim())
            .Where(line => line.Contains(WebApiSampleCommand.ProjectPath, StringComparison.Ordinal));

        commands.Should().Equal(WebApiSampleCommand.CommandLine);
    }

    [Fact]
    public void The_web_samples_table_is_the_one_the_readme_names()
    {
        // The process test gives the sample a table of its own, so the README's name for the default is checked here.
        using var settings = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Root, WebApiSampleCommand.ProjectPath, "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        settings.RootElement.GetProperty("Tapko").GetProperty("TableName").GetString().Should().Be(WebApiSampleCommand.DefaultTableName);
        settings.RootElement.GetProperty("Sample").GetProperty("EnsureTable").GetBoolean().Should().BeTrue("the README's command creates the table");
        Readme.Should().Contain("it creates table " + WebApiSampleCommand.DefaultTableName + "\n", "the comment after the README's command names it");
    }

    [Fact]
    public void The_readme_creates_tables_as_the_web_sample_does()
    {
        const string Ensure = "await app.Services.GetRequiredService<TapkoTableClient>().EnsureTableAsync();";
        var program = File.ReadAllText(Path.Combine(Root, WebApiSampleCommand.ProjectPath, "Program.cs"));
        var tableDoc = File.ReadAllText(Path.Combine(Root, "docs", "table.md")).ReplaceLineEndings("\n");

        program.Should().Contain(Ensure, "the README's development line is the one the web sample runs");
        Readme.Should().Contain("```csharp\n" + Ensure + "\n```");
        Readme.Should().Contain("](docs/table.md#as-infrastructure-code)", "production creates the table from infrastructure code");
        tableDoc.Should().Contain("\n## As infrastructure code\n", "the README links to that heading");
    }

    [Fact]
    public void Every_option_is_documented()
    {
        var options = typeof(TapkoStoreOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

        foreach (var option in options)
        {
            Readme.Should().Contain($"| `{option.Name}` |", "every option belongs in the README's options table");
        }
    }

    [Fact]
    public void Every_exception_is_documented()
    {
        var exceptions = typeof(TapkoException).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(TapkoException)));

        foreach (var exception in exceptions)
        {
            Readme.Should().Contain($"| `{exception.Name}` |");
        }
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    // A backslash at the end of a line, with the blanks around it: to the shell, one word break.
    [GeneratedRegex("[ \t]*\\\\\n[ \t]*")]
    private static partial Regex LineContinuation();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex TrailingComment();
}
