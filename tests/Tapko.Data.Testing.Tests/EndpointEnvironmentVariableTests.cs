using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using static Tapko.Data.Testing.Tests.LauncherTestSupport;

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// Tests that set TAPKO_DYNAMODB_URL or DOCKER_HOST in this process. The variable is process-wide, so the collection runs alone, after
/// every parallel test, and each test puts the previous value back.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class SharedProcessEnvironment;

[Collection(typeof(SharedProcessEnvironment))]
public sealed class EndpointEnvironmentVariableTests(DynamoDbFixture fixture)
{
    [Fact]
    public void The_variable_is_named_TAPKO_DYNAMODB_URL() =>
        DynamoDbLocal.EndpointEnvironmentVariable.Should().Be("TAPKO_DYNAMODB_URL");

    [Fact]
    public async Task An_unreachable_url_in_the_variable_fails_fast_naming_it()
    {
        var url = $"http://127.0.0.1:{ClosedLoopbackPort()}";
        using (new EnvironmentVariableScope(DynamoDbLocal.EndpointEnvironmentVariable, url))
        {
            var start = () => DynamoDbLocal.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

            var thrown = await start.Should().ThrowAsync<DynamoDbLocalException>();
            thrown.Which.Message.Should().Contain($"'{url}'").And.Contain("from TAPKO_DYNAMODB_URL");
        }
    }

    [Fact]
    public async Task A_reachable_url_in_the_variable_is_used_by_default_options()
    {
        var url = fixture.Endpoint.GetLeftPart(UriPartial.Authority);
        using (new EnvironmentVariableScope(DynamoDbLocal.EndpointEnvironmentVariable, url))
        {
            new DynamoDbLocalOptions().EndpointUrl.Should().Be(url);

            await using var local = await DynamoDbLocal.StartAsync(
                new DynamoDbLocalOptions { Log = null },
                TestContext.Current.CancellationToken);

            local.Source.Should().Be(DynamoDbLocalSource.Endpoint);
            await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task An_engine_that_answers_ping_but_cannot_run_the_container_falls_back_to_java()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The fake engine listens on a unix socket.");
        }

        await using var engine = new FakeDockerEngine();
        using (new EnvironmentVariableScope("DOCKER_HOST", engine.Endpoint.ToString()))
        {
            var log = new ConcurrentQueue<string>();
            // The fake engine always answers its ping; a ping deadline that only bounds a hang keeps a busy machine
            // from making this the "engine not reachable" path instead.
            await using var local = await DynamoDbLocal.StartAsync(
                new DynamoDbLocalOptions { EndpointUrl = null, UseDocker = true, Log = log.Enqueue, StartTimeout = HangDeadline, DockerPingTimeout = HangDeadline },
                TestContext.Current.CancellationToken);

            local.Source.Should().Be(DynamoDbLocalSource.Jar, "the Docker path failed. Log:\n" + Lines(log));
            await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
            log.Should().ContainSingle(line => line.StartsWith("Docker", StringComparison.Ordinal))
                .Which.Should().Contain(engine.Endpoint.ToString()).And.Contain("fake engine").And.EndWith("trying Java");
            log.Should().OnlyContain(line => !line.Contains('\n', StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("unix:///nonexistent/docker.sock", "/nonexistent/docker.sock")]
    [InlineData("ssh://user@host", "is not a unix://, tcp:// or npipe:// address")]
    public async Task DOCKER_HOST_that_leads_nowhere_is_reported_as_unreachable(string dockerHost, string reason)
    {
        using (new EnvironmentVariableScope("DOCKER_HOST", dockerHost))
        {
            var engine = await DockerEngine.ProbeAsync(TestContext.Current.CancellationToken);

            engine.Endpoint.Should().BeNull();
            engine.Reason.Should().Contain(reason);
        }
    }

    private sealed class EnvironmentVariableScope : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public EnvironmentVariableScope(string name, string? value)
        {
            this.name = name;
            previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
    }
}
