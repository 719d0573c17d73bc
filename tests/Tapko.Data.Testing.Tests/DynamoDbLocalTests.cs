using System.Collections.Concurrent;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static Tapko.Data.Testing.Tests.LauncherTestSupport;

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// The jar path end to end. Every Java-starting launcher test lives in this one class so they run one after another:
/// the cancellation test can then tell its own processes apart from the others'.
/// </summary>
public sealed class DynamoDbLocalTests
{
    [Fact]
    public async Task Starts_and_answers_ListTables()
    {
        var log = new ConcurrentQueue<string>();
        await using var local = await DynamoDbLocal.StartAsync(JarOptions(log), TestContext.Current.CancellationToken);

        local.Source.Should().Be(DynamoDbLocalSource.Jar);
        local.Endpoint.Host.Should().Be("127.0.0.1");
        local.Java.Should().NotBeNull();
        var tables = await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        (tables.TableNames ?? []).Should().BeEmpty("a fresh in-memory DynamoDB Local has no tables");

        log.Should().Contain(line => line.StartsWith("TAPKO_DYNAMODB_URL not set", StringComparison.Ordinal))
            .And.Contain(line => line.StartsWith("Docker not tried", StringComparison.Ordinal))
            .And.Contain(line => line.StartsWith("Java ", StringComparison.Ordinal) && line.Contains("DynamoDB Local 3.3.1", StringComparison.Ordinal))
            .And.Contain(line => line.StartsWith("DynamoDB Local ready at " + local.Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        log.Should().OnlyContain(line => !line.Contains('\n', StringComparison.Ordinal), "every step is one log line");
    }

    [Fact]
    public async Task CreateClient_gives_a_caller_owned_client_that_can_be_configured()
    {
        var log = new ConcurrentQueue<string>();
        await using var local = await DynamoDbLocal.StartAsync(JarOptions(log), TestContext.Current.CancellationToken);

        using (var client = local.CreateClient(config => config.MaxErrorRetry = 0))
        {
            ((AmazonDynamoDBConfig)client.Config).MaxErrorRetry.Should().Be(0);
            await client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        }

        // Disposing the caller's client leaves the instance's own client working.
        await local.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Dispose_stops_java_and_closes_the_port_and_is_idempotent()
    {
        var log = new ConcurrentQueue<string>();
        var local = await DynamoDbLocal.StartAsync(JarOptions(log), TestContext.Current.CancellationToken);
        var pid = local.Java!.ProcessId;
        var port = local.Endpoint.Port;
        IsRunning(pid).Should().BeTrue();

        // The first table makes DynamoDB Local unpack its SQLite library into java.io.tmpdir.
        await local.Client.CreateTableAsync(DynamoDbLocalFixture.HashKeyTable("scratch"), TestContext.Current.CancellationToken);
        var temp = local.Java.TempDirectory;
        Directory.EnumerateFiles(temp).Should().NotBeEmpty("Java got its own temporary directory");

        await local.DisposeAsync();
        await local.DisposeAsync();

        IsRunning(pid).Should().BeFalse("disposing stops the Java process");
        Directory.Exists(temp).Should().BeFalse("the killed JVM cannot delete what it unpacked, so the launcher does");
        (await ConnectErrorAsync(port)).Should().Be(SocketError.ConnectionRefused, "nothing listens on the port any more");
        local.Invoking(l => l.CreateClient()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Two_instances_side_by_side_get_their_own_port_and_data()
    {
        var log = new ConcurrentQueue<string>();
        var starting = new[]
        {
            DynamoDbLocal.StartAsync(JarOptions(log), TestContext.Current.CancellationToken),
            DynamoDbLocal.StartAsync(JarOptions(log), TestContext.Current.CancellationToken),
        };
        DynamoDbLocal[] instances;
        try
        {
            instances = await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }

            throw;
        }

        await using var first = instances[0];
        await using var second = instances[1];
        first.Endpoint.Port.Should().NotBe(second.Endpoint.Port);
        first.Java!.ProcessId.Should().NotBe(second.Java!.ProcessId);

        await first.Client.CreateTableAsync(DynamoDbLocalFixture.HashKeyTable("only-in-first"), TestContext.Current.CancellationToken);

        var inFirst = await first.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        var inSecond = await second.Client.ListTablesAsync(new ListTablesRequest(), TestContext.Current.CancellationToken);
        (inFirst.TableNames ?? []).Should().Equal("only-in-first");
        (inSecond.TableNames ?? []).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_start_throws_and_leaves_no_java_behind()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Telling this test's processes apart reads /proc, which only Linux has.");
        }

        var before = OwnDynamoDbLocalProcesses();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var log = new ConcurrentQueue<string>();
        var options = JarOptions(log);
        options.Log = line =>
        {
            log.Enqueue(line);

            // Java was found and the jar is about to start: cancel now. The launcher starts the jar whatever the token
            // says and sees the cancellation while waiting for it to answer, so this cancels a booting server without
            // racing a timer against how fast the JVM boots.
            if (line.StartsWith("Java ", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        };

        var start = () => DynamoDbLocal.StartAsync(options, cancellation.Token);

        await start.Should().ThrowAsync<OperationCanceledException>();
        OwnDynamoDbLocalProcesses().Should().BeSubsetOf(before, "a cancelled start stops what it started. Log:\n" + Lines(log));
    }

    [Fact]
    public async Task A_jar_that_exits_at_once_fails_with_what_java_printed()
    {
        var (java, reason) = await JavaRuntime.FindAsync(TestContext.Current.CancellationToken);
        if (java is null)
        {
            Assert.Skip($"Needs Java 17+: {reason}");
        }

        var folder = Directory.CreateTempSubdirectory("tapko-broken-jar-");
        try
        {
            var jar = Path.Combine(folder.FullName, "DynamoDBLocal.jar");
            await File.WriteAllTextAsync(jar, "not a jar", TestContext.Current.CancellationToken);

            var start = () => JavaServer.StartAsync(java, jar, HangDeadline, TestContext.Current.CancellationToken);

            var thrown = await start.Should().ThrowAsync<DynamoDbLocalException>();
            var message = thrown.Which.Message;
            message.Should().Contain("exited before it answered ListTables").And.Contain("Last output:");
            message[message.IndexOf("Last output:", StringComparison.Ordinal)..].Should().Contain(jar, "java names the jar it could not open");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
