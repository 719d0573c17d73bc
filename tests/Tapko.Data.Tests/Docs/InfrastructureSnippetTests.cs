using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static System.FormattableString;

namespace Tapko.Data.Tests;

/// <summary>
/// docs/table.md declares the table in CloudFormation, Terraform and CDK code. Each table declaration is rendered here
/// from <see cref="TapkoTable.BuildCreateTableRequest"/> (keys, status index and its projection, stream) and
/// <see cref="TapkoTable.TimeToLiveAttribute"/>, and must appear in its snippet exactly; the parts the code defines are
/// then read back from the snippet one by one, so a drift names what drifted.
/// </summary>
public sealed class InfrastructureSnippetTests
{
    private static readonly CreateTableRequest Definition = TapkoTable.BuildCreateTableRequest(TapkoStoreOptions.DefaultTableName);

    private static GlobalSecondaryIndex Index => Definition.GlobalSecondaryIndexes.Single();

    private static string[] IncludedAttributes => [.. Index.Projection.NonKeyAttributes ?? []];

    [Fact]
    public void The_definition_has_what_the_snippets_declare()
    {
        // What the rendering below relies on; if the code changes this, the snippets (and these tests) must follow.
        Definition.StreamSpecification.StreamEnabled.Should().BeTrue();
        Definition.StreamSpecification.StreamViewType.Should().Be(StreamViewType.NEW_AND_OLD_IMAGES);
        Index.Projection.ProjectionType.Should().Be(ProjectionType.INCLUDE, "StatusIndexProjection.Rows is the default");
        IncludedAttributes.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        TapkoTable.BuildCreateTableRequest("tapko", projection: StatusIndexProjection.Full).GlobalSecondaryIndexes.Single().Projection.ProjectionType
            .Should().Be(ProjectionType.ALL);
    }

    [Fact]
    public void The_summary_names_what_the_code_defines()
    {
        var summary = TableDoc.Text[..TableDoc.Text.IndexOf("## From the AWS CLI", StringComparison.Ordinal)];

        summary.Should().Contain($"| index `{Index.IndexName}` |")
            .And.Contain($"projection `{Index.Projection.ProjectionType.Value}` of {string.Join(", ", IncludedAttributes.Select(a => $"`{a}`"))} |")
            .And.Contain($"| stream | `{Definition.StreamSpecification.StreamViewType.Value}` |")
            .And.Contain($"| time to live | attribute `{TapkoTable.TimeToLiveAttribute}` |");
    }

    [Fact]
    public void The_cloudformation_table_is_the_code_definition()
    {
        var yaml = new StringBuilder()
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
        if (IncludedAttributes.Length > 0)
        {
            yaml.AppendLine("            NonKeyAttributes:");
            foreach (var attribute in IncludedAttributes)
            {
                yaml.AppendLine(Invariant($"              - {attribute}"));
            }
        }

        yaml.AppendLine("      StreamSpecification:")
            .AppendLine(Invariant($"        StreamViewType: {Definition.StreamSpecification.StreamViewType.Value}"))
            .AppendLine("      TimeToLiveSpecification:")
            .AppendLine(Invariant($"        AttributeName: {TapkoTable.TimeToLiveAttribute}"))
            .AppendLine("        Enabled: true");

        var snippet = Snippet.CloudFormation;
        snippet.Should().StartWith("Resources:\n").And.Contain(Normalize(yaml));

        var table = YamlText.Parse(snippet).Resource("AWS::DynamoDB::Table").Properties;
        var index = table.Child("GlobalSecondaryIndexes");
        index.Scalar("IndexName").Should().Be(Index.IndexName);
        index.Child("Projection").Scalar("ProjectionType").Should().Be(Index.Projection.ProjectionType.Value);
        index.Child("Projection").Items("NonKeyAttributes").Should().BeEquivalentTo(IncludedAttributes);
        table.Child("StreamSpecification").Scalar("StreamViewType").Should().Be(Definition.StreamSpecification.StreamViewType.Value);
        table.Child("TimeToLiveSpecification").Scalar("AttributeName").Should().Be(TapkoTable.TimeToLiveAttribute);
        table.Child("TimeToLiveSpecification").Scalar("Enabled").Should().Be("true");
    }

    [Fact]
    public void The_terraform_table_is_the_code_definition()
    {
        var hcl = new StringBuilder()
            .AppendLine(Invariant($"resource \"aws_dynamodb_table\" \"{Definition.TableName}\" {{"))
            .AppendLine(Invariant($"  name             = \"{Definition.TableName}\""))
            .AppendLine(Invariant($"  billing_mode     = \"{Definition.BillingMode.Value}\""))
            .AppendLine(Invariant($"  hash_key         = \"{Key(Definition.KeySchema, KeyType.HASH)}\""))
            .AppendLine(Invariant($"  range_key        = \"{Key(Definition.KeySchema, KeyType.RANGE)}\""))
            .AppendLine("  stream_enabled   = true")
            .AppendLine(Invariant($"  stream_view_type = \"{Definition.StreamSpecification.StreamViewType.Value}\""));
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
            .AppendLine(Invariant($"    name               = \"{Index.IndexName}\""))
            .AppendLine(Invariant($"    hash_key           = \"{Key(Index.KeySchema, KeyType.HASH)}\""))
            .AppendLine(Invariant($"    range_key          = \"{Key(Index.KeySchema, KeyType.RANGE)}\""))
            .AppendLine(Invariant($"    projection_type    = \"{Index.Projection.ProjectionType.Value}\""));
        if (IncludedAttributes.Length > 0)
        {
            hcl.AppendLine(Invariant($"    non_key_attributes = [{string.Join(", ", IncludedAttributes.Select(a => $"\"{a}\""))}]"));
        }

        hcl.AppendLine("  }")
            .AppendLine()
            .AppendLine("  ttl {")
            .AppendLine(Invariant($"    attribute_name = \"{TapkoTable.TimeToLiveAttribute}\""))
            .AppendLine("    enabled        = true")
            .AppendLine("  }")
            .AppendLine("}");

        var snippet = Snippet.Terraform;
        snippet.Should().StartWith(Normalize(hcl));

        var (_, table) = HclText.Resource(snippet, "aws_dynamodb_table");
        var index = HclText.Block(table, "global_secondary_index");
        HclText.Attribute(index, "projection_type").Should().Be(Index.Projection.ProjectionType.Value);
        HclText.List(index, "non_key_attributes").Should().BeEquivalentTo(IncludedAttributes);
        HclText.Attribute(table, "stream_enabled").Should().Be("true");
        HclText.Attribute(table, "stream_view_type").Should().Be(Definition.StreamSpecification.StreamViewType.Value);
        var ttl = HclText.Block(table, "ttl");
        HclText.Attribute(ttl, "attribute_name").Should().Be(TapkoTable.TimeToLiveAttribute);
        HclText.Attribute(ttl, "enabled").Should().Be("true");
    }

    [Fact]
    public void The_cdk_table_is_the_code_definition()
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
            .AppendLine(Invariant($"    Stream = StreamViewType.{Definition.StreamSpecification.StreamViewType.Value},"))
            .AppendLine(Invariant($"    TimeToLiveAttribute = \"{TapkoTable.TimeToLiveAttribute}\","))
            .AppendLine("});")
            .AppendLine("table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps")
            .AppendLine("{")
            .AppendLine(Invariant($"    IndexName = \"{Index.IndexName}\","))
            .AppendLine(Invariant($"    PartitionKey = new Attribute {{ Name = \"{Key(Index.KeySchema, KeyType.HASH)}\", Type = AttributeType.STRING }},"))
            .AppendLine(Invariant($"    SortKey = new Attribute {{ Name = \"{Key(Index.KeySchema, KeyType.RANGE)}\", Type = AttributeType.STRING }},"))
            .AppendLine(Invariant($"    ProjectionType = ProjectionType.{Index.Projection.ProjectionType.Value},"));
        if (IncludedAttributes.Length > 0)
        {
            cs.AppendLine(Invariant($"    NonKeyAttributes = new[] {{ {string.Join(", ", IncludedAttributes.Select(a => $"\"{a}\""))} }},"));
        }

        cs.AppendLine("});");

        var snippet = Snippet.Cdk;
        snippet.Should().StartWith(Normalize(cs));

        var table = CSharpText.Initializer(snippet, "TableProps");
        table["Stream"].Should().Be("StreamViewType." + Definition.StreamSpecification.StreamViewType.Value);
        table["TimeToLiveAttribute"].Should().Be($"\"{TapkoTable.TimeToLiveAttribute}\"");
        var index = CSharpText.Initializer(snippet, "GlobalSecondaryIndexProps");
        index["ProjectionType"].Should().Be("ProjectionType." + Index.Projection.ProjectionType.Value);
        System.Text.RegularExpressions.Regex.Matches(index["NonKeyAttributes"], "\"([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Should().BeEquivalentTo(IncludedAttributes);
    }

    private static void AppendYamlKeys(StringBuilder yaml, List<KeySchemaElement> keys, string indent)
    {
        foreach (var k in keys)
        {
            yaml.AppendLine(Invariant($"{indent}- AttributeName: {k.AttributeName}")).AppendLine(Invariant($"{indent}  KeyType: {k.KeyType.Value}"));
        }
    }

    private static string Key(List<KeySchemaElement> keys, KeyType type) => keys.Single(k => k.KeyType == type).AttributeName;

    private static string Normalize(StringBuilder text) => text.ToString().ReplaceLineEndings("\n");
}

/// <summary>The infrastructure-as-code snippets of docs/table.md.</summary>
internal static class Snippet
{
    public static string CloudFormation => TableDoc.Snippet("CloudFormation", "yaml");

    public static string Terraform => TableDoc.Snippet("Terraform", "hcl");

    public static string Cdk => TableDoc.Snippet("AWS CDK for .NET", "csharp");

    public static string FunctionCode => TableDoc.Snippet("The function's code", "csharp");
}
