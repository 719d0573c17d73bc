using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static System.FormattableString;

namespace Tapko.Data.Tests;

/// <summary>
/// docs/table.md shows the table as CloudFormation, Terraform and CDK code and gives an IAM policy for it. Each snippet is
/// rendered here from <see cref="TapkoTable.BuildCreateTableRequest"/>, so a change to the definition fails until the
/// docs follow.
/// </summary>
public sealed partial class InfrastructureSnippetTests
{
    private static readonly CreateTableRequest Definition = TapkoTable.BuildCreateTableRequest(TapkoStoreOptions.DefaultTableName);

    private static GlobalSecondaryIndex Index => Definition.GlobalSecondaryIndexes.Single();

    [Fact]
    public void The_cloudformation_snippet_is_the_code_definition()
    {
        var yaml = new StringBuilder()
            .AppendLine("Resources:")
            .AppendLine("  TapkoTable:")
            .AppendLine("    Type: AWS::DynamoDB::Table")
            .AppendLine("    Properties:")
            .AppendLine(Invariant($"      TableName: {Definition.TableName}"))
            .AppendLine(Invariant($"      BillingMode: {Definition.BillingMode.Value}"))
            .AppendLine("      AttributeDefinitions:");
        foreach (var a in Definition.AttributeDefinitions)
        {
            yaml.AppendLine(Invariant($"        - AttributeName: {a.AttributeName}")).AppendLine(Invariant($"          AttributeType: {a.AttributeType.Value}"));
        }

        yaml.AppendLine("      KeySchema:");
        AppendYamlKeys(yaml, Definition.KeySchema, "        ");
        yaml.AppendLine("      GlobalSecondaryIndexes:")
            .AppendLine(Invariant($"        - IndexName: {Index.IndexName}"))
            .AppendLine("          KeySchema:");
        AppendYamlKeys(yaml, Index.KeySchema, "            ");
        yaml.AppendLine("          Projection:").AppendLine(Invariant($"            ProjectionType: {Index.Projection.ProjectionType.Value}"));

        Snippet("CloudFormation", "yaml").Should().Be(yaml.ToString().TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_terraform_snippet_is_the_code_definition()
    {
        var hcl = new StringBuilder()
            .AppendLine(Invariant($"resource \"aws_dynamodb_table\" \"{Definition.TableName}\" {{"))
            .AppendLine(Invariant($"  name         = \"{Definition.TableName}\""))
            .AppendLine(Invariant($"  billing_mode = \"{Definition.BillingMode.Value}\""))
            .AppendLine(Invariant($"  hash_key     = \"{Key(Definition.KeySchema, KeyType.HASH)}\""))
            .AppendLine(Invariant($"  range_key    = \"{Key(Definition.KeySchema, KeyType.RANGE)}\""));
        foreach (var a in Definition.AttributeDefinitions)
        {
            hcl.AppendLine()
                .AppendLine("  attribute {")
                .AppendLine(Invariant($"    name = \"{a.AttributeName}\""))
                .AppendLine(Invariant($"    type = \"{a.AttributeType.Value}\""))
                .AppendLine("  }");
        }

        hcl.AppendLine()
            .AppendLine("  global_secondary_index {")
            .AppendLine(Invariant($"    name            = \"{Index.IndexName}\""))
            .AppendLine(Invariant($"    hash_key        = \"{Key(Index.KeySchema, KeyType.HASH)}\""))
            .AppendLine(Invariant($"    range_key       = \"{Key(Index.KeySchema, KeyType.RANGE)}\""))
            .AppendLine(Invariant($"    projection_type = \"{Index.Projection.ProjectionType.Value}\""))
            .AppendLine("  }")
            .AppendLine("}");

        Snippet("Terraform", "hcl").Should().Be(hcl.ToString().TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_cdk_snippet_is_the_code_definition()
    {
        // Only string keys exist in the definition; CDK names that type AttributeType.STRING.
        Definition.AttributeDefinitions.Should().OnlyContain(a => a.AttributeType == ScalarAttributeType.S);
        var cs = new StringBuilder()
            .AppendLine("var table = new Table(this, \"TapkoTable\", new TableProps")
            .AppendLine("{")
            .AppendLine(Invariant($"    TableName = \"{Definition.TableName}\","))
            .AppendLine(Invariant($"    BillingMode = BillingMode.{Definition.BillingMode.Value},"))
            .AppendLine(Invariant($"    PartitionKey = new Attribute {{ Name = \"{Key(Definition.KeySchema, KeyType.HASH)}\", Type = AttributeType.STRING }},"))
            .AppendLine(Invariant($"    SortKey = new Attribute {{ Name = \"{Key(Definition.KeySchema, KeyType.RANGE)}\", Type = AttributeType.STRING }},"))
            .AppendLine("});")
            .AppendLine("table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps")
            .AppendLine("{")
            .AppendLine(Invariant($"    IndexName = \"{Index.IndexName}\","))
            .AppendLine(Invariant($"    PartitionKey = new Attribute {{ Name = \"{Key(Index.KeySchema, KeyType.HASH)}\", Type = AttributeType.STRING }},"))
            .AppendLine(Invariant($"    SortKey = new Attribute {{ Name = \"{Key(Index.KeySchema, KeyType.RANGE)}\", Type = AttributeType.STRING }},"))
            .AppendLine(Invariant($"    ProjectionType = ProjectionType.{Index.Projection.ProjectionType.Value},"))
            .AppendLine("});");

        Snippet("AWS CDK for .NET", "csharp").Should().Be(cs.ToString().TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_iam_policy_covers_exactly_the_table_and_its_status_index()
    {
        using var policy = JsonDocument.Parse(Snippet("Least-privilege IAM policy", "json"));
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray()
            .ToDictionary(s => s.GetProperty("Sid").GetString()!, s => s);
        const string table = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + TapkoStoreOptions.DefaultTableName;

        statements.Keys.Should().BeEquivalentTo("TapkoStores", "TapkoStatusIndex", "TapkoEnsureTable");
        statements.Values.Should().OnlyContain(s => s.GetProperty("Effect").GetString() == "Allow");

        // Every request the stores send, by its IAM action; a transaction is authorised per contained action.
        Actions(statements["TapkoStores"]).Should().BeEquivalentTo(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:Query");
        Resource(statements["TapkoStores"]).Should().Be(table);

        Actions(statements["TapkoStatusIndex"]).Should().Equal("dynamodb:Query");
        Resource(statements["TapkoStatusIndex"]).Should().Be($"{table}/index/{StatusIndex.Name}");

        Actions(statements["TapkoEnsureTable"]).Should().BeEquivalentTo("dynamodb:DescribeTable", "dynamodb:CreateTable");
        Resource(statements["TapkoEnsureTable"]).Should().Be(table);
    }

    private static void AppendYamlKeys(StringBuilder yaml, List<KeySchemaElement> keys, string indent)
    {
        foreach (var k in keys)
        {
            yaml.AppendLine(Invariant($"{indent}- AttributeName: {k.AttributeName}")).AppendLine(Invariant($"{indent}  KeyType: {k.KeyType.Value}"));
        }
    }

    private static string Key(List<KeySchemaElement> keys, KeyType type) => keys.Single(k => k.KeyType == type).AttributeName;

    private static string[] Actions(JsonElement statement) =>
        statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToArray();

    private static string Resource(JsonElement statement) => statement.GetProperty("Resource").GetString()!;

    /// <summary>The first code block of <paramref name="language"/> under the heading <paramref name="heading"/>.</summary>
    private static string Snippet(string heading, string language)
    {
        var doc = File.ReadAllText(Path.Combine(TableDefinitionDocTests.RepoRoot(), "docs", "table.md")).ReplaceLineEndings("\n");
        var start = doc.IndexOf($"## {heading}\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, $"docs/table.md must have a '{heading}' heading");
        var block = Regex.Match(doc[start..], $"```{language}\\n(.*?)```", RegexOptions.Singleline);
        block.Success.Should().BeTrue($"a ```{language} block must follow '{heading}'");
        return block.Groups[1].Value.TrimEnd();
    }
}
