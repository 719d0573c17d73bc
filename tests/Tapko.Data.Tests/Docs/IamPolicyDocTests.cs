using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

/// <summary>
/// docs/table.md gives the least-privilege IAM policies: the application's and the projector function's. Their DynamoDB
/// actions are derived here from the library itself (the requests its source sends, and those the function sends when
/// run), so a statement that misses an action the code sends, or grants one it never sends, fails.
/// </summary>
public sealed partial class IamPolicyDocTests
{
    private const string Arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + TapkoStoreOptions.DefaultTableName;

    /// <summary>What Lambda's event source mapping reads a DynamoDB stream with, on the function's role (AWS's documented set).</summary>
    private static readonly string[] LambdaStreamActions =
        ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];

    [Fact]
    public void The_application_policy_grants_exactly_what_the_library_sends()
    {
        var statements = Statements(TableDoc.Snippet("Least-privilege IAM policy", "json"));

        statements.Keys.Should().BeEquivalentTo("TapkoStores", "TapkoStatusIndex", "TapkoDescribeTable", "TapkoEnsureTable", "TapkoHostedProjectorStream");
        statements.Values.Should().OnlyContain(s => s.GetProperty("Effect").GetString() == "Allow");

        // Every request the stores send goes through RequestSender; a transaction is authorised per contained action.
        Actions(statements["TapkoStores"]).Should().BeEquivalentTo(Source.ActionsSentIn("Requests/RequestSender.cs"));
        Resource(statements["TapkoStores"]).Should().Be(Arn);

        Actions(statements["TapkoStatusIndex"]).Should().Equal("dynamodb:Query");
        Resource(statements["TapkoStatusIndex"]).Should().Be($"{Arn}/index/{StatusIndex.Name}");

        // VerifyAsync (and the health check on it) describes the table and its time to live; EnsureTableAsync also creates and updates.
        Actions(statements["TapkoDescribeTable"]).Should().BeEquivalentTo("dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive");
        Resource(statements["TapkoDescribeTable"]).Should().Be(Arn);
        Actions(statements["TapkoEnsureTable"]).Should().BeEquivalentTo("dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:UpdateTimeToLive");
        Resource(statements["TapkoEnsureTable"]).Should().Be(Arn);
        Source.ActionsSentIn("TapkoTable.cs").Should().BeEquivalentTo(Actions(statements["TapkoDescribeTable"]).Concat(Actions(statements["TapkoEnsureTable"])));

        // The hosted projector reads the stream itself, with signed Streams API calls.
        Actions(statements["TapkoHostedProjectorStream"]).Should().BeEquivalentTo(Source.StreamActions());
        Resource(statements["TapkoHostedProjectorStream"]).Should().Be($"{Arn}/stream/*");

        // Nothing the library's code sends is left out, and nothing granted is never sent.
        statements.Values.SelectMany(Actions).Distinct().Should().BeEquivalentTo(Source.AllActions().Concat(Source.StreamActions()));
    }

    [Fact]
    public async Task The_function_policy_grants_exactly_what_the_function_sends()
    {
        var statements = Statements(TableDoc.Snippet("The projector function's role", "json"));
        var sent = await FunctionActionsAsync();

        statements.Keys.Should().BeEquivalentTo("TapkoProjectorStream", "TapkoProjectorTable", "TapkoProjectorFailures");
        statements.Values.Should().OnlyContain(s => s.GetProperty("Effect").GetString() == "Allow");

        Actions(statements["TapkoProjectorStream"]).Should().BeEquivalentTo(LambdaStreamActions);
        Resource(statements["TapkoProjectorStream"]).Should().Be($"{Arn}/stream/*");

        sent.Should().BeEquivalentTo(new[] { "dynamodb:UpdateItem", "dynamodb:PutItem" }, "the counts, heartbeat and canary are updates; a dead letter is a put");
        Actions(statements["TapkoProjectorTable"]).Should().BeEquivalentTo(sent);
        Resource(statements["TapkoProjectorTable"]).Should().Be(Arn);

        Actions(statements["TapkoProjectorFailures"]).Should().Equal("sqs:SendMessage");
        Resource(statements["TapkoProjectorFailures"]).Should().Be("arn:aws:sqs:eu-west-1:123456789012:tapko-projector-failures");
    }

    [Fact]
    public void Every_infrastructure_form_gives_the_function_the_documented_policy()
    {
        var documented = Statements(TableDoc.Snippet("The projector function's role", "json")).Values.SelectMany(Actions).ToList();

        Granted(Snippet.CloudFormation).Should().BeEquivalentTo(documented);
        Granted(Snippet.Terraform).Should().BeEquivalentTo(documented);

        // CDK's SqsDlq grants the function sqs:SendMessage on the queue itself.
        Granted(Snippet.Cdk).Should().BeEquivalentTo(documented.Where(a => a != "sqs:SendMessage"));
        Snippet.Cdk.Should().Contain("OnFailure = new SqsDlq(");

        Snippet.CloudFormation.Should().Contain("Resource: !Sub ${TapkoTable.Arn}/stream/*");
        Snippet.Terraform.Should().Contain("Resource = \"${aws_dynamodb_table.tapko.arn}/stream/*\"");
        Snippet.Cdk.Should().Contain("Resources = new[] { table.TableArn + \"/stream/*\" },");
    }

    /// <summary>The DynamoDB actions <see cref="TapkoProjectorFunction"/> sends: for a tick, and for a batch whose event handler fails.</summary>
    private static async Task<string[]> FunctionActionsAsync()
    {
        var (client, recorder) = RecordingDynamoDb.Create();
        var function = new TapkoProjectorFunction(client, new TapkoStoreOptions(), new TapkoProjectorOptions { EventHandlerAttempts = 1 }, [new FailingHandler()]);
        var ct = TestContext.Current.CancellationToken;

        foreach (var input in new[] { "{}", FeedbackInsertEvent() })
        {
            using var response = await function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), ct);
            JsonNode.Parse(response)!["batchItemFailures"]!.AsArray().Should().BeEmpty();
        }

        recorder.Sent.Select(s => s.Request).Should().OnlyContain(r => r is AmazonDynamoDBRequest && TableOf(r) == TapkoStoreOptions.DefaultTableName);
        recorder.Sent.Should().Contain(s => s.Operation == "PutItem", "the failing handler's event is kept as a dead letter");
        return [.. recorder.Sent.Select(s => "dynamodb:" + s.Operation).Distinct()];
    }

    private static string? TableOf(object? request) => request?.GetType().GetProperty("TableName")?.GetValue(request) as string;

    /// <summary>The Lambda event of one new feedback item, as DynamoDB Streams delivers it.</summary>
    private static string FeedbackInsertEvent()
    {
        var id = FeedbackId.New();
        var feedback = new Feedback(new ProjectKey(UserId.Parse("owner-1"), ProjectId.Parse("project-1")), id, "It works.", FeedbackStatus.Open, null, id.CreatedAt, id.CreatedAt);
        var image = new JsonObject();
        foreach (var (name, value) in FeedbackItem.ToItem(feedback, null, "incarnation-1", ShardLayout.One))
        {
            image[name] = value.S is { } s ? new JsonObject { ["S"] = s } : new JsonObject { ["BOOL"] = value.BOOL };
        }

        var record = new JsonObject
        {
            ["eventID"] = "1",
            ["eventName"] = "INSERT",
            ["dynamodb"] = new JsonObject
            {
                ["ApproximateCreationDateTime"] = id.CreatedAt.ToUnixTimeSeconds(),
                ["Keys"] = new JsonObject { ["PK"] = image["PK"]!.DeepClone(), ["SK"] = image["SK"]!.DeepClone() },
                ["NewImage"] = image,
                ["SequenceNumber"] = "100000000000000000001",
                ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
            },
        };
        return new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString();
    }

    /// <summary>The DynamoDB and SQS actions named in an infrastructure snippet.</summary>
    private static string[] Granted(string snippet) => [.. GrantedAction().Matches(snippet).Select(m => m.Value).Distinct()];

    private static Dictionary<string, JsonElement> Statements(string policy) =>
        JsonDocument.Parse(policy).RootElement.GetProperty("Statement").EnumerateArray()
            .ToDictionary(s => s.GetProperty("Sid").GetString()!, s => s.Clone());

    private static string[] Actions(JsonElement statement) =>
        [.. statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!)];

    private static string Resource(JsonElement statement) => statement.GetProperty("Resource").GetString()!;

    [GeneratedRegex(@"\b(dynamodb|sqs):[A-Z]\w+")]
    private static partial Regex GrantedAction();

    private sealed class FailingHandler : IFeedbackEventHandler
    {
        public Task HandleAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This handler always fails.");
    }

    /// <summary>The library's source, read for the DynamoDB requests it sends.</summary>
    private static partial class Source
    {
        /// <summary>What a <c>TransactWriteItems</c> may contain, each authorised as its own action.</summary>
        private static readonly string[] TransactWriteActions = ["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"];

        /// <summary>The library's projects whose code sends requests: the stores and projectors, and the health check.</summary>
        private static readonly string[] Projects = ["Tapko.Data", "Tapko.Data.HealthChecks"];

        /// <summary>The names of <see cref="IAmazonDynamoDB"/>'s requests, as their methods are called (<c>GetItemAsync</c> …).</summary>
        private static readonly HashSet<string> Requests = typeof(IAmazonDynamoDB).GetMethods()
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            .ToHashSet(StringComparer.Ordinal);

        /// <summary>The IAM actions of the requests called in one file of src/Tapko.Data.</summary>
        public static string[] ActionsSentIn(string file) =>
            [.. ActionsIn(File.ReadAllText(Path.Combine(TableDefinitionDocTests.RepoRoot(), "src", "Tapko.Data", file)))];

        /// <summary>The IAM actions of every DynamoDB request called anywhere in the library and its health check.</summary>
        public static string[] AllActions() => [.. Files().SelectMany(f => ActionsIn(File.ReadAllText(f))).Distinct()];

        /// <summary>The DynamoDB Streams calls the hosted projector signs itself, as IAM actions.</summary>
        public static string[] StreamActions() =>
            [.. Files().SelectMany(f => StreamCall().Matches(File.ReadAllText(f))).Select(m => "dynamodb:" + m.Groups["op"].Value).Distinct()];

        /// <summary>
        /// A call of a method named like a DynamoDB request (on the client or on the library's own sender, which keeps the
        /// names), as IAM actions; DynamoDB authorises a transaction by the actions it contains.
        /// </summary>
        private static IEnumerable<string> ActionsIn(string source) =>
            Call().Matches(source).Select(m => m.Groups["op"].Value).Where(Requests.Contains).SelectMany(op => op switch
            {
                "TransactWriteItems" => TransactWriteActions,
                "TransactGetItems" => ["GetItem"],
                _ => [op],
            }).Select(op => "dynamodb:" + op).Distinct();

        private static List<string> Files()
        {
            var root = TableDefinitionDocTests.RepoRoot();
            var files = Projects
                .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, "src", p), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
                .ToList();
            files.Should().Contain(f => f.EndsWith("RequestSender.cs", StringComparison.Ordinal));
            return files;
        }

        [GeneratedRegex(@"\.(?<op>[A-Z]\w*)Async\(")]
        private static partial Regex Call();

        [GeneratedRegex("CallAsync\\(\"(?<op>\\w+)\"")]
        private static partial Regex StreamCall();
    }
}
