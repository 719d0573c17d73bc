using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tapko.Data.Tests;

/// <summary>docs/table.md shows the table as AWS CLI input; this keeps it identical to what the code creates.</summary>
public sealed partial class TableDefinitionDocTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void The_documented_cli_input_is_the_code_definition()
    {
        var request = TapkoTable.BuildCreateTableRequest("tapko");
        var expected = JsonSerializer.Serialize(
            new
            {
                TableName = request.TableName,
                BillingMode = request.BillingMode.Value,
                AttributeDefinitions = request.AttributeDefinitions.Select(a => new { a.AttributeName, AttributeType = a.AttributeType.Value }),
                KeySchema = request.KeySchema.Select(k => new { k.AttributeName, KeyType = k.KeyType.Value }),
                GlobalSecondaryIndexes = request.GlobalSecondaryIndexes.Select(i => new
                {
                    i.IndexName,
                    KeySchema = i.KeySchema.Select(k => new { k.AttributeName, KeyType = k.KeyType.Value }),
                    Projection = new { ProjectionType = i.Projection.ProjectionType.Value },
                }),
            },
            Indented);

        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "table.md"));
        var block = JsonBlock().Match(doc);

        block.Success.Should().BeTrue("docs/table.md must hold the CLI input in a ```json block");
        block.Groups[1].Value.Trim().ReplaceLineEndings("\n").Should().Be(expected.ReplaceLineEndings("\n"));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tapko.Data.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Tapko.Data.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
