using Tapko.Data.Sample;

namespace Tapko.Data.IntegrationTests.Sample;

/// <summary>The README's first command, end to end against the shared DynamoDB Local.</summary>
public sealed class SampleRunTests(DynamoDbFixture fixture)
{
    private static readonly string[] Patterns =
    [
        "project.create", "project.get", "project.list", "project.set_collecting", "project.rename", "project.delete",
        "feedback.submit", "feedback.submit_widget", "feedback.get", "feedback.list", "feedback.list_by_status", "feedback.update_status", "feedback.delete", "feedback.move_many", "feedback.status_counts",
    ];

    [Fact]
    public async Task Walks_through_every_pattern_and_prints_its_cost()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var table = TapkoTestTable.UniqueName("sample");

        var exitCode = await SampleProgram.RunAsync(
            ["--endpoint", fixture.Endpoint.ToString(), "--table", table, "--submissions", "60"],
            output,
            error,
            TestContext.Current.CancellationToken);

        var text = output.ToString();
        exitCode.Should().Be(0, error.ToString());
        text.Should().Contain("Late submission: FeedbackCollectionClosedException -> HTTP 400.")
            .And.Contain("bob GetAsync(alice's item)      -> null (not found)")
            .And.Contain("bob reuses alice's page token   -> InvalidContinuationTokenException")
            .And.Contain("bob creating a project under alice's site id: taken (409).")
            .And.Contain("The table was deleted.");
        var costTable = text[text.IndexOf("9. What it cost", StringComparison.Ordinal)..];
        foreach (var pattern in Patterns)
        {
            costTable.Should().MatchRegex($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(pattern)} +\d+ +\d+\.\d +\d+\.\d", $"'{pattern}' must have a cost row");
        }

        text.Split('\n').Should().OnlyContain(line => line.TrimEnd('\r').Length <= 80, "the output fits an 80-column terminal");
    }

    [Fact]
    public async Task Bad_arguments_exit_non_zero_with_one_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SampleProgram.RunAsync(["--submissions", "many"], output, error, TestContext.Current.CancellationToken);

        exitCode.Should().Be(2);
        error.ToString().Trim().Should().Be("error: --submissions must be a whole number from 10 to 100000 (was 'many').");
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_with_a_one_line_reason()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SampleProgram.RunAsync(["--endpoint", "http://127.0.0.1:9"], output, error, TestContext.Current.CancellationToken);

        exitCode.Should().Be(1);
        error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Should().StartWith("error: DynamoDbLocalException:").And.Contain("127.0.0.1:9");
    }
}
