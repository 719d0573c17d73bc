using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using static Tapko.Data.Testing.Tests.LauncherTestSupport;

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// An endpoint named through DynamoDbLocalOptions.EndpointUrl, which is what TAPKO_DYNAMODB_URL feeds. Passing it as an
/// option keeps these tests from touching the process environment other tests read.
/// </summary>
public sealed class EndpointTests(DynamoDbFixture fixture)
{
    [Theory]
    [InlineData("not a url")]
    [InlineData("localhost:8000")]
    [InlineData("ftp://127.0.0.1:8000")]
    [InlineData("/tmp/dynamodb")]
    public async Task A_malformed_url_fails_fast_naming_the_url_and_the_variable(string url)
    {
        var start = () => DynamoDbLocal.StartAsync(
            new DynamoDbLocalOptions { EndpointUrl = url, Log = null },
            TestContext.Current.CancellationToken);

        var thrown = await start.Should().ThrowAsync<DynamoDbLocalException>();
        thrown.Which.Message.Should().Contain($"'{url}'").And.Contain("TAPKO_DYNAMODB_URL").And.Contain("http://");
    }

    [Fact]
    public async Task A_closed_loopback_port_fails_fast_naming_the_url_and_the_variable()
    {
        var url = $"http://127.0.0.1:{ClosedLoopbackPort()}";
        var start = () => DynamoDbLocal.StartAsync(
            new DynamoDbLocalOptions { EndpointUrl = url, Log = null },
            TestContext.Current.CancellationToken);

        var thrown = await start.Should().ThrowAsync<DynamoDbLocalException>();
        thrown.Which.Message.Should().Contain($"'{url}'").And.Contain("TAPKO_DYNAMODB_URL").And.Contain("not reachable");
        thrown.Which.InnerException.Should().NotBeNull("the socket error is kept for diagnosis");
    }

    [Fact]
    public async Task An_endpoint_that_accepts_but_never_answers_fails_after_the_probe_deadline()
    {
        // A loopback listener that takes connections and says nothing: the shape of a hung server or a black hole.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var accepting = Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    held.Add(await silent.AcceptTcpClientAsync(stop.Token));
                }
            },
            stop.Token);
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
            var start = () => DynamoDbLocal.StartAsync(
                new DynamoDbLocalOptions { EndpointUrl = url, Log = null },
                TestContext.Current.CancellationToken);

            var thrown = await start.Should().ThrowAsync<DynamoDbLocalException>();
            thrown.Which.Message.Should().Contain($"'{url}'").And.Contain("did not answer ListTables within");
        }
        finally
        {
            await stop.CancelAsync();
            silent.Stop();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            held.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task A_reachable_endpoint_is_used_as_is_and_left_running_on_dispose()
    {
        var log = new ConcurrentQueue<string>();
        var url = fixture.Endpoint.GetLeftPart(UriPartial.Authority);
        var local = await DynamoDbLocal.StartAsync(
            new DynamoDbLocalOptions { EndpointUrl = url, Log = log.Enqueue },
            TestContext.Current.CancellationToken);

        local.Source.Should().Be(DynamoDbLocalSource.Endpoint);
        local.Endpoint.Should().Be(new Uri(url));
        local.Java.Should().BeNull("nothing was started");
        await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        log.Should().ContainSingle().Which.Should().StartWith($"Using DynamoDB at {url}");

        await local.DisposeAsync();

        await fixture.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_probe_client_does_not_retry()
    {
        // What makes a refused connection fail in one attempt instead of the SDK's ten retries for DynamoDB.
        using var probe = LocalClientFactory.CreateProbe(new Uri("http://127.0.0.1:1"), TimeSpan.FromSeconds(1));

        probe.Config.MaxErrorRetry.Should().Be(0);
        probe.Config.ServiceURL.Should().Be("http://127.0.0.1:1/");
        probe.Config.RegionEndpoint.Should().BeNull("setting it would clear ServiceURL in SDK v4");
        probe.Config.AuthenticationRegion.Should().Be("us-east-1");
    }

    [Fact]
    public void Parse_accepts_only_absolute_http_and_https_urls()
    {
        Readiness.ParseEndpoint("http://localhost:8000").Should().NotBeNull();
        Readiness.ParseEndpoint(" https://dynamodb.example:443/ ").Should().NotBeNull();
        Readiness.ParseEndpoint("localhost:8000").Should().BeNull();
        Readiness.ParseEndpoint("file:///tmp/x").Should().BeNull();
        Readiness.ParseEndpoint("http://").Should().BeNull();
    }
}
