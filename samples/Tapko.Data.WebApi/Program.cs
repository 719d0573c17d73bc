using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tapko.Data;
using Tapko.Data.WebApi;

var builder = WebApplication.CreateBuilder(args);

// Options from the "Tapko" section (Tapko__ServiceUrl=http://127.0.0.1:8000 points it at DynamoDB Local). Without a
// registered IAmazonDynamoDB the library creates one from Region/ServiceUrl and the SDK's credential chain.
builder.Services.AddTapkoStore(builder.Configuration.GetSection(TapkoStoreOptions.SectionName));
builder.Services.AddHealthChecks().AddTapkoTable();

// The change feed's projector, in this process: it reads the table's stream, keeps the status counts and hands every
// change of feedback to the registered IFeedbackEventHandlers. At production scale, run TapkoProjectorFunction as a
// Lambda on the stream instead (docs/table.md).
builder.Services.AddTapkoProjector();

// New-feedback notifications: with Sample:WebhookUrl set, every submission is POSTed there (WebhookNotifier), with
// the event id as Idempotency-Key. A failed POST is retried, then kept as a dead letter (FeedbackEventDeadLetters).
if (builder.Configuration[WebhookNotifier.UrlKey] is { Length: > 0 } webhookUrl)
{
    var webhook = new Uri(webhookUrl, UriKind.Absolute);
    builder.Services.AddHttpClient(WebhookNotifier.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
    builder.Services.AddSingleton<IFeedbackEventHandler>(sp => new WebhookNotifier(sp.GetRequiredService<IHttpClientFactory>(), webhook));
}

// Every library exception becomes an RFC 7807 problem with the README's status code.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<TapkoProblemDetailsHandler>();

// One span per request with the store's spans (and their consumed capacity) as children; capacity and request
// counters as metrics. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(TapkoTelemetry.ActivitySourceName))
    .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(TapkoTelemetry.MeterName));
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHealthChecks("/healthz");
app.MapDashboard();
app.MapWidget();

// Development creates the table at start-up with the client the stores use (the library's own here: nothing
// registers IAmazonDynamoDB); production creates it from infrastructure code (docs/table.md) and leaves this off.
if (app.Configuration.GetValue<bool>("Sample:EnsureTable"))
{
    await app.Services.GetRequiredService<TapkoTableClient>().EnsureTableAsync();
}

await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
