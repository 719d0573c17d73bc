using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Tapko.Data.Tests;

/// <summary>
/// docs/table.md deploys the projector as an AWS Lambda function in CloudFormation, Terraform and CDK code: the function,
/// its event source mapping on the table's stream, an on-failure queue and a one-minute schedule. Each form is read back
/// here, and the settings the projector's correctness rests on are checked in every one.
/// </summary>
public sealed class ProjectorDeploymentDocTests
{
    /// <summary>The program's handler assembly, as the snippets name it.</summary>
    private const string Handler = "Tapko.Projector";

    /// <summary>The variable the function's program reads its table name from.</summary>
    private const string TableVariable = "TAPKO_TABLE";

    /// <summary>DynamoDB Streams keeps a record this long; a bounded record age must be below it.</summary>
    private const int StreamRetentionSeconds = 24 * 3600;

    public static TheoryData<string> Forms => ["CloudFormation", "Terraform", "CDK"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_event_source_mapping_keeps_counts_exact_and_reports_what_it_gives_up(string form)
    {
        var mapping = MappingOf(form);

        mapping.ReadsTheTablesStream.Should().BeTrue("the mapping's source is the table's stream");
        mapping.InvokesTheFunction.Should().BeTrue("the mapping invokes the projector function");
        mapping.StartingPosition.Should().Be("TRIM_HORIZON", "a new mapping must see every change the stream still holds");
        mapping.ResponseTypes.Should().Contain("ReportBatchItemFailures", "HandleAsync answers with batchItemFailures");
        mapping.Bisect.Should().BeTrue();
        mapping.Retries.Should().BeInRange(0, 10_000, "retries are bounded (-1 would retry until the record leaves the stream)");
        mapping.MaxRecordAgeSeconds.Should().BeInRange(60, StreamRetentionSeconds - 1, "a record is given up, and reported, before DynamoDB trims it");
        mapping.OnFailureIsTheQueue.Should().BeTrue("what the mapping gives up on goes to the on-failure queue");
        mapping.ParallelizationFactor.Should().Be(1, "the claim's stream positions need a shard's batches applied one at a time, in order");
        mapping.BatchSize.Should().BeInRange(1, 10_000);
        mapping.WindowSeconds.Should().BeInRange(0, 300);
    }

    [Fact]
    public void The_three_forms_configure_the_mapping_alike()
    {
        var cfn = MappingOf("CloudFormation");

        MappingOf("Terraform").Should().BeEquivalentTo(cfn);
        MappingOf("CDK").Should().BeEquivalentTo(cfn);
    }

    [Fact]
    public void The_doc_states_the_mapping_as_the_snippets_configure_it()
    {
        var m = MappingOf("CloudFormation");
        var text = TableDoc.Text;
        var summary = text[..text.IndexOf("## From the AWS CLI", StringComparison.Ordinal)];
        var reasons = text[text.IndexOf("### The event source mapping", StringComparison.Ordinal)..];
        var hours = m.MaxRecordAgeSeconds / 3600;
        var batch = m.BatchSize.ToString("N0", CultureInfo.InvariantCulture);

        summary.Should().Contain($"{m.Retries} retries").And.Contain($"records at most {hours} hours old")
            .And.Contain($"`ParallelizationFactor` {m.ParallelizationFactor}")
            .And.Contain($"batches of up to {batch} records gathered for up to {m.WindowSeconds} seconds");
        reasons.Should().Contain($"| `MaximumRetryAttempts` | {m.Retries} |")
            .And.Contain($"| `MaximumRecordAgeInSeconds` | {m.MaxRecordAgeSeconds} ({hours} hours) |")
            .And.Contain($"| `ParallelizationFactor` | {m.ParallelizationFactor} |")
            .And.Contain($"| {batch} records, {m.WindowSeconds} seconds |");
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_one_minute_schedule_invokes_the_function_with_an_empty_event(string form)
    {
        switch (form)
        {
            case "CloudFormation":
                var yaml = YamlText.Parse(Snippet.CloudFormation);
                var function = yaml.Resource("AWS::Lambda::Function").Id;
                var (ruleId, rule) = yaml.Resource("AWS::Events::Rule");
                rule.Scalar("ScheduleExpression").Should().Be("rate(1 minute)");
                rule.Child("Targets").Scalar("Arn").Should().Be($"!GetAtt {function}.Arn");
                Empty(rule.Child("Targets").Scalar("Input"));
                var permission = yaml.Resource("AWS::Lambda::Permission").Properties;
                permission.Scalar("Action").Should().Be("lambda:InvokeFunction");
                permission.Scalar("FunctionName").Should().Be($"!Ref {function}");
                permission.Scalar("Principal").Should().Be("events.amazonaws.com");
                permission.Scalar("SourceArn").Should().Be($"!GetAtt {ruleId}.Arn");
                break;

            case "Terraform":
                var hcl = Snippet.Terraform;
                var fn = HclText.Resource(hcl, "aws_lambda_function").Name;
                var (ruleName, ruleBody) = HclText.Resource(hcl, "aws_cloudwatch_event_rule");
                HclText.Attribute(ruleBody, "schedule_expression").Should().Be("rate(1 minute)");
                var target = HclText.Resource(hcl, "aws_cloudwatch_event_target").Body;
                HclText.Attribute(target, "rule").Should().Be($"aws_cloudwatch_event_rule.{ruleName}.name");
                HclText.Attribute(target, "arn").Should().Be($"aws_lambda_function.{fn}.arn");
                Empty(HclText.Attribute(target, "input"));
                var allow = HclText.Resource(hcl, "aws_lambda_permission").Body;
                HclText.Attribute(allow, "action").Should().Be("lambda:InvokeFunction");
                HclText.Attribute(allow, "function_name").Should().StartWith($"aws_lambda_function.{fn}.");
                HclText.Attribute(allow, "principal").Should().Be("events.amazonaws.com");
                HclText.Attribute(allow, "source_arn").Should().Be($"aws_cloudwatch_event_rule.{ruleName}.arn");
                break;

            default:
                var cs = Snippet.Cdk;
                var projector = CSharpText.VariableOf(cs, "Function");
                var props = CSharpText.Initializer(cs, "RuleProps");
                props["Schedule"].Should().Be("Schedule.Rate(Duration.Minutes(1))");
                // The LambdaFunction target adds the function's permission for EventBridge itself.
                props["Targets"].Should().Be(
                    $"new[] {{ new LambdaFunction({projector}, new LambdaFunctionProps {{ Event = RuleTargetInput.FromObject(new Dictionary<string, object>()) }}) }}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_function_runs_the_documented_program_on_the_table(string form)
    {
        string runtime, handler, table;
        switch (form)
        {
            case "CloudFormation":
                var yaml = YamlText.Parse(Snippet.CloudFormation);
                var tableId = yaml.Resource("AWS::DynamoDB::Table").Id;
                var function = yaml.Resource("AWS::Lambda::Function").Properties;
                (runtime, handler) = (function.Scalar("Runtime")!, function.Scalar("Handler")!);
                table = function.Child("Environment").Child("Variables").Scalar(TableVariable)!;
                table.Should().Be($"!Ref {tableId}");
                function.Scalar("Role").Should().Be($"!GetAtt {yaml.Resource("AWS::IAM::Role").Id}.Arn");
                break;

            case "Terraform":
                var hcl = Snippet.Terraform;
                var tableName = HclText.Resource(hcl, "aws_dynamodb_table").Name;
                var body = HclText.Resource(hcl, "aws_lambda_function").Body;
                (runtime, handler) = (HclText.Attribute(body, "runtime"), HclText.Attribute(body, "handler"));
                HclText.Attribute(HclText.Block(body, "environment"), TableVariable).Should().Be($"aws_dynamodb_table.{tableName}.name");
                HclText.Attribute(body, "role").Should().Be($"aws_iam_role.{HclText.Resource(hcl, "aws_iam_role").Name}.arn");
                break;

            default:
                var cs = Snippet.Cdk;
                var props = CSharpText.Initializer(cs, "FunctionProps");
                (runtime, handler) = (props["Runtime"], props["Handler"].Trim('"'));
                runtime.Should().Be("Runtime.DOTNET_8");
                runtime = "dotnet8";
                props["Environment"].Should().Be($"new Dictionary<string, string> {{ [\"{TableVariable}\"] = {CSharpText.VariableOf(cs, "Table")}.TableName }}");
                break;
        }

        runtime.Should().Be("dotnet8", "the package targets net8.0, Lambda's managed .NET 8 runtime runs it");
        handler.Should().Be(Handler, "an executable's handler is its assembly name");
        Snippet.FunctionCode.Should().Contain($"Environment.GetEnvironmentVariable(\"{TableVariable}\")", "the program reads the table name the snippets set");
    }

    [Fact]
    public void The_function_program_calls_the_library_as_it_is()
    {
        var program = Snippet.FunctionCode;

        program.Should().Contain(".AddTapkoStore(").And.Contain(".AddTapkoProjectorFunction()")
            .And.Contain("GetRequiredService<TapkoProjectorFunction>()").And.Contain("projector.HandleAsync(");
        typeof(TapkoProjectorFunction).GetMethod(nameof(TapkoProjectorFunction.HandleAsync), [typeof(Stream), typeof(CancellationToken)])!
            .ReturnType.Should().Be<Task<Stream>>();
        typeof(TapkoProjectorServiceCollectionExtensions).GetMethod(nameof(TapkoProjectorServiceCollectionExtensions.AddTapkoProjectorFunction))
            .Should().NotBeNull();

        // What the program builds resolves: the store's registration and the function's, with nothing else registered.
        var (client, _) = RecordingDynamoDb.Create();
        using var services = new ServiceCollection()
            .AddSingleton(client)
            .AddTapkoStore(options => options.TableName = TapkoStoreOptions.DefaultTableName)
            .AddTapkoProjectorFunction()
            .BuildServiceProvider();
        services.GetRequiredService<TapkoProjectorFunction>().Should().NotBeNull();
    }

    [Fact]
    public async Task An_empty_event_writes_only_the_canary_and_fails_nothing()
    {
        // What docs/table.md says the schedule's {} does: one UpdateItem of TAPKO / FEED#CANARY, no heartbeat yet.
        var (client, recorder) = RecordingDynamoDb.Create();
        var function = new TapkoProjectorFunction(client, new TapkoStoreOptions());

        using var response = await function.HandleAsync(new MemoryStream("{}"u8.ToArray()), TestContext.Current.CancellationToken);

        JsonNode.Parse(response)!.ToJsonString().Should().Be("""{"batchItemFailures":[]}""");
        recorder.Sent.Should().ContainSingle().Which.Operation.Should().Be("UpdateItem");
        var update = (UpdateItemRequest)recorder.Sent[0].Request!;
        update.TableName.Should().Be(TapkoStoreOptions.DefaultTableName);
        update.Key[PrimaryIndex.PartitionKey].S.Should().Be("TAPKO");
        update.Key[PrimaryIndex.SortKey].S.Should().Be("FEED#CANARY");
    }

    private static void Empty(string? json)
    {
        json.Should().NotBeNull();
        JsonNode.Parse(json!).Should().BeOfType<JsonObject>().Which.Should().BeEmpty("the schedule's event is {}, which the function takes for a tick");
    }

    private static Mapping MappingOf(string form) => form switch
    {
        "CloudFormation" => CloudFormationMapping(),
        "Terraform" => TerraformMapping(),
        _ => CdkMapping(),
    };

    private static Mapping CloudFormationMapping()
    {
        var yaml = YamlText.Parse(Snippet.CloudFormation);
        var table = yaml.Resource("AWS::DynamoDB::Table").Id;
        var function = yaml.Resource("AWS::Lambda::Function").Id;
        var queue = yaml.Resource("AWS::SQS::Queue").Id;
        var m = yaml.Resource("AWS::Lambda::EventSourceMapping").Properties;
        return new Mapping(
            m.Scalar("EventSourceArn") == $"!GetAtt {table}.StreamArn",
            m.Scalar("FunctionName") == $"!Ref {function}",
            m.Scalar("StartingPosition")!,
            m.Items("FunctionResponseTypes"),
            Bool(m.Scalar("BisectBatchOnFunctionError")),
            Int(m.Scalar("MaximumRetryAttempts")),
            Int(m.Scalar("MaximumRecordAgeInSeconds")),
            m.Child("DestinationConfig").Child("OnFailure").Scalar("Destination") == $"!GetAtt {queue}.Arn",
            Int(m.Scalar("ParallelizationFactor")),
            Int(m.Scalar("BatchSize")),
            Int(m.Scalar("MaximumBatchingWindowInSeconds")));
    }

    private static Mapping TerraformMapping()
    {
        var hcl = Snippet.Terraform;
        var table = HclText.Resource(hcl, "aws_dynamodb_table").Name;
        var function = HclText.Resource(hcl, "aws_lambda_function").Name;
        var queue = HclText.Resource(hcl, "aws_sqs_queue").Name;
        var m = HclText.Resource(hcl, "aws_lambda_event_source_mapping").Body;
        return new Mapping(
            HclText.Attribute(m, "event_source_arn") == $"aws_dynamodb_table.{table}.stream_arn",
            HclText.Attribute(m, "function_name") == $"aws_lambda_function.{function}.arn",
            HclText.Attribute(m, "starting_position"),
            HclText.List(m, "function_response_types"),
            Bool(HclText.Attribute(m, "bisect_batch_on_function_error")),
            Int(HclText.Attribute(m, "maximum_retry_attempts")),
            Int(HclText.Attribute(m, "maximum_record_age_in_seconds")),
            HclText.Attribute(HclText.Block(HclText.Block(m, "destination_config"), "on_failure"), "destination_arn") == $"aws_sqs_queue.{queue}.arn",
            Int(HclText.Attribute(m, "parallelization_factor")),
            Int(HclText.Attribute(m, "batch_size")),
            Int(HclText.Attribute(m, "maximum_batching_window_in_seconds")));
    }

    private static Mapping CdkMapping()
    {
        var cs = Snippet.Cdk;
        var table = CSharpText.VariableOf(cs, "Table");
        var function = CSharpText.VariableOf(cs, "Function");
        var queue = CSharpText.VariableOf(cs, "Queue");
        var m = CSharpText.Initializer(cs, "EventSourceMappingProps");
        return new Mapping(
            m["EventSourceArn"] == $"{table}.TableStreamArn",
            m["Target"] == function,
            m["StartingPosition"].Replace("StartingPosition.", string.Empty, StringComparison.Ordinal),
            m["ReportBatchItemFailures"] == "true" ? ["ReportBatchItemFailures"] : [],
            Bool(m["BisectBatchOnError"]),
            Int(m["RetryAttempts"]),
            CSharpText.Seconds(m["MaxRecordAge"]),
            m["OnFailure"] == $"new SqsDlq({queue})",
            Int(m["ParallelizationFactor"]),
            Int(m["BatchSize"]),
            CSharpText.Seconds(m["MaxBatchingWindow"]));
    }

    private static int Int(string? text) => int.Parse(text ?? throw new InvalidOperationException("The setting is missing."), NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool Bool(string? text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new InvalidOperationException($"'{text}' is not a boolean."),
    };

    /// <summary>An event source mapping as read from one form; equal between forms that configure it alike.</summary>
    private sealed record Mapping(
        bool ReadsTheTablesStream,
        bool InvokesTheFunction,
        string StartingPosition,
        IReadOnlyList<string> ResponseTypes,
        bool Bisect,
        int Retries,
        int MaxRecordAgeSeconds,
        bool OnFailureIsTheQueue,
        int ParallelizationFactor,
        int BatchSize,
        int WindowSeconds);
}
