using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tapko.Data;

// The submission path of a widget-facing service, as a Native AOT binary would run it: options bound from
// appsettings.json plus environment variables (Tapko__ServiceUrl points it at DynamoDB Local), then create a
// project, submit, list. "SUBMITTED" marks the first acknowledged submit for the cold-start benchmark.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json")
    .AddEnvironmentVariables()
    .Build();

var services = new ServiceCollection()
    .AddTapkoStore(configuration.GetSection(TapkoStoreOptions.SectionName))
    .BuildServiceProvider();

var failures = new List<string>();
void Check(bool condition, string what)
{
    if (!condition)
    {
        failures.Add(what);
    }
}

// Unbound options keep their defaults (table "tapko", no endpoint, retries 3) and pass validation, so each value
// appsettings.json sets differently from the default proves the section was bound.
var options = services.GetRequiredService<IOptions<TapkoStoreOptions>>().Value;
var endpoint = configuration["Tapko:ServiceUrl"];
Check(options.TableName == "tapko-aot-consumer", $"TableName bound from appsettings.json (was '{options.TableName}')");
Check(options.ConsistentReads, "ConsistentReads bound as true");
Check(options.MaxErrorRetry == 2, $"MaxErrorRetry bound as 2 (was {options.MaxErrorRetry})");
Check(options.CursorSigningKey is { Length: 40 }, "CursorSigningKey bound from base64 (40 bytes)");
Check(endpoint is not null && options.ServiceUrl == endpoint, $"ServiceUrl bound from Tapko__ServiceUrl (was '{options.ServiceUrl}')");

// The stores create their own client from the bound options and register it nowhere; this app's own client only
// creates the table. Stores that had not bound ServiceUrl would send the create below to AWS and fail.
Check(services.GetService<IAmazonDynamoDB>() is null, "the stores' client is theirs alone, not registered for the app");
using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = options.Region ?? "us-east-1" });
if (failures.Count > 0)
{
    return Fail("options", failures);
}

await TapkoTable.EnsureTableAsync(client, options.TableName);
var projects = services.GetRequiredService<IProjectStore>();
var feedback = services.GetRequiredService<IFeedbackStore>();

var project = new ProjectKey(UserId.Parse("aot-user"), ProjectId.New());
await projects.CreateAsync(project, "Native AOT");
var submitted = await feedback.SubmitAsync(project, new NewFeedback("Submitted from a Native AOT binary."));
Console.WriteLine($"SUBMITTED {submitted.Id}");

var page = await feedback.ListAsync(project);
Check(page.Items.Count == 1 && page.Items[0].Id == submitted.Id, $"the list holds the submitted item (had {page.Items.Count})");

// The converters the library attaches to its types must be found by a source-generated context too.
var json = System.Text.Json.JsonSerializer.Serialize(page, AppJson.Default.PageFeedback);
Check(json.Contains($"\"id\":\"{submitted.Id}\"", StringComparison.Ordinal) && json.Contains("\"status\":\"open\"", StringComparison.Ordinal),
    $"the page serialises with string ids and wire statuses: {json}");
var back = System.Text.Json.JsonSerializer.Deserialize(json, AppJson.Default.PageFeedback);
Check(back?.Items.Single().Project == project, "the page deserialises to the same project key");

if (failures.Count > 0)
{
    return Fail("round trip", failures);
}

Console.WriteLine(
    $"AotConsumer: options bound (table {options.TableName}, endpoint {options.ServiceUrl}); create + submit + list OK; " +
    $"runtime {(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")}");
return 0;

static int Fail(string stage, List<string> failures)
{
    Console.Error.WriteLine($"AotConsumer: {stage} FAILED: {string.Join("; ", failures)}");
    return 1;
}
