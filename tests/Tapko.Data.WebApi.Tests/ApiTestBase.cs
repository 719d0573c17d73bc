using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.WebApi.Tests;

/// <summary>A fresh table and a fresh instance of the sample per test, talked to over HTTP as a dashboard or widget would.</summary>
public abstract class ApiTestBase(WebApiFixture fixture, string tablePrefix) : IAsyncLifetime
{
    private static int ownerCount;

    protected WebApiFixture Fixture { get; } = fixture;

    protected string Table { get; } = TapkoTestTable.UniqueName(tablePrefix);

    protected TapkoApiFactory Api { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Api = new TapkoApiFactory(Fixture.Client, Table);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Api.DisposeAsync();
        try
        {
            await Fixture.Client.DeleteTableAsync(new DeleteTableRequest { TableName = Table }, CancellationToken.None);
        }
        catch (ResourceNotFoundException)
        {
            // A test that never started the app made no table.
        }
    }

    /// <summary>A client of the dashboard signed in (in this sample: by header) as a new owner.</summary>
    protected HttpClient Dashboard(out string owner, string hint = "owner")
    {
        owner = $"{hint}-{Interlocked.Increment(ref ownerCount)}-{Guid.NewGuid():N}";
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add(Owner.Header, owner);
        return client;
    }

    protected static async Task<JsonElement> CreateProjectAsync(HttpClient dashboard, string name = "My website")
    {
        var response = await dashboard.PostAsJsonAsync("/projects", new { name }, Ct);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        return await JsonAsync(response);
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    /// <summary>The problem details of a failed response, checked to be RFC 7807 JSON with the given status.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await JsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        return problem;
    }
}
