using System.Text.Json;
using System.Text.Json.Nodes;
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
        var expected = new JsonObject
        {
            ["TableName"] = request.TableName,
            ["BillingMode"] = request.BillingMode.Value,
            ["AttributeDefinitions"] = Array(request.AttributeDefinitions.Select(a => new JsonObject { ["AttributeName"] = a.AttributeName, ["AttributeType"] = a.AttributeType.Value })),
            ["KeySchema"] = Array(request.KeySchema.Select(Key)),
            ["GlobalSecondaryIndexes"] = Array(request.GlobalSecondaryIndexes.Select(i => new JsonObject
            {
                ["IndexName"] = i.IndexName,
                ["KeySchema"] = Array(i.KeySchema.Select(Key)),
                ["Projection"] = Projection(i.Projection),
            })),
            ["StreamSpecification"] = new JsonObject
            {
                ["StreamEnabled"] = request.StreamSpecification.StreamEnabled,
                ["StreamViewType"] = request.StreamSpecification.StreamViewType.Value,
            },
        }.ToJsonString(Indented);

        var block = JsonBlock().Match(TableDoc.Text);

        block.Success.Should().BeTrue("docs/table.md must hold the CLI input in a ```json block");
        block.Groups[1].Value.Trim().ReplaceLineEndings("\n").Should().Be(expected.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_documented_cli_commands_create_the_table_and_turn_on_its_time_to_live()
    {
        // A create request cannot carry time to live (TapkoTable.EnsureTableAsync turns it on after creating, too).
        var commands = TableDoc.Snippet("From the AWS CLI", "bash").Split('\n');

        commands.Should().Equal(
            "aws dynamodb create-table --cli-input-json file://tapko-table.json",
            $"aws dynamodb update-time-to-live --table-name {TapkoStoreOptions.DefaultTableName} --time-to-live-specification Enabled=true,AttributeName={TapkoTable.TimeToLiveAttribute}");
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

    /// <summary>A projection as the CLI spells it: the type, and the attributes when it includes some.</summary>
    internal static JsonObject Projection(Amazon.DynamoDBv2.Model.Projection projection)
    {
        var json = new JsonObject { ["ProjectionType"] = projection.ProjectionType.Value };
        if (projection.NonKeyAttributes is { Count: > 0 } attributes)
        {
            json["NonKeyAttributes"] = Array(attributes.Select(a => JsonValue.Create(a)));
        }

        return json;
    }

    private static JsonObject Key(Amazon.DynamoDBv2.Model.KeySchemaElement k) => new() { ["AttributeName"] = k.AttributeName, ["KeyType"] = k.KeyType.Value };

    private static JsonArray Array(IEnumerable<JsonNode?> nodes) => [.. nodes];

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
