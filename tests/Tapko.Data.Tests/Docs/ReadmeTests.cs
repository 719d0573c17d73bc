using System.Reflection;

namespace Tapko.Data.Tests;

/// <summary>The README is documentation people copy from; these keep it true to the code.</summary>
public sealed class ReadmeTests
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
}
