using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using static Tapko.Data.Testing.Tests.LauncherTestSupport;

namespace Tapko.Data.Testing.Tests;

public sealed class DockerTests
{
    [Fact]
    public async Task Starts_a_container_when_a_Docker_engine_is_reachable()
    {
        var engine = await DockerEngine.ProbeAsync(TestContext.Current.CancellationToken);
        if (engine.Endpoint is null)
        {
            Assert.Skip($"No Docker engine reachable: {engine.Reason}. The Docker path is not exercised on this machine.");
        }

        var log = new ConcurrentQueue<string>();
        await using var local = await DynamoDbLocal.StartAsync(
            new DynamoDbLocalOptions { EndpointUrl = null, UseDocker = true, Log = log.Enqueue },
            TestContext.Current.CancellationToken);

        local.Source.Should().Be(DynamoDbLocalSource.Docker, "an engine answered /_ping. Log:\n" + Lines(log));
        await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_engine_probe_answers_quickly_either_way()
    {
        // Not a timing assertion: the probe must come back with a verdict and, if negative, a reason for the log.
        var engine = await DockerEngine.ProbeAsync(TestContext.Current.CancellationToken);

        if (engine.Endpoint is not null)
        {
            engine.Endpoint!.Scheme.Should().BeOneOf("unix", "tcp", "npipe");
        }
        else
        {
            engine.Reason.Should().NotBeNullOrWhiteSpace();
        }
    }
}
