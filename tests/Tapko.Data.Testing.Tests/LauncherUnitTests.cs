
namespace Tapko.Data.Testing.Tests;

/// <summary>The launcher's pure parts, checked on any machine whatever it has installed.</summary>
public sealed class LauncherUnitTests
{
    [Fact]
    public void The_none_possible_message_names_all_three_ways()
    {
        var message = DynamoDbLocal.NoWayToStart("engine not reachable (no /var/run/docker.sock)", "Java not found");

        message.Should().Contain("TAPKO_DYNAMODB_URL")
            .And.Contain("start a Docker engine")
            .And.Contain("install Java 17+ and npm")
            .And.Contain("no /var/run/docker.sock")
            .And.Contain("Java not found");
        message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData("openjdk version \"17.0.15\" 2025-04-15", "17.0.15", 17)]
    [InlineData("java version \"1.8.0_351\"", "1.8.0_351", 8)]
    [InlineData("openjdk version \"21-ea\" 2023-09-19", "21-ea", 21)]
    [InlineData("openjdk version \"11.0.2\" 2019-01-15", "11.0.2", 11)]
    [InlineData("openjdk version \"25\" 2025-09-16", "25", 25)]
    public void Java_versions_are_read_from_java_version_output(string firstLine, string version, int major)
    {
        var parsed = JavaRuntime.ParseVersion([firstLine, "OpenJDK Runtime Environment (build ...)"]);

        parsed.Should().Be((version, major));
    }

    [Fact]
    public void Unrecognised_java_output_has_no_version() =>
        JavaRuntime.ParseVersion(["Error: could not find libjava.so"]).Should().BeNull();

    [Fact]
    public void RecentLines_keeps_only_the_newest_lines()
    {
        var lines = new RecentLines(capacity: 3);
        foreach (var n in Enumerable.Range(1, 5))
        {
            lines.Add($"line {n}");
        }

        lines.Snapshot().Should().Equal("line 3", "line 4", "line 5");
        lines.Describe("Last output").Should().StartWith("Last output:").And.EndWith("line 5");
    }

    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new DynamoDbLocalOptions();

        options.StartTimeout.Should().Be(TimeSpan.FromSeconds(60));
        options.UseDocker.Should().BeTrue();
        options.DockerImage.Should().Be("amazon/dynamodb-local:3.3.1");
        options.Log.Should().NotBeNull();
        options.CacheDirectory.Should().EndWith("tapko-data");
        options.EndpointUrl.Should().Be(Environment.GetEnvironmentVariable("TAPKO_DYNAMODB_URL"));
    }

    [Fact]
    public async Task Invalid_options_are_rejected_before_anything_starts()
    {
        var start = () => DynamoDbLocal.StartAsync(
            new DynamoDbLocalOptions { StartTimeout = TimeSpan.Zero, Log = null },
            TestContext.Current.CancellationToken);

        await start.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
