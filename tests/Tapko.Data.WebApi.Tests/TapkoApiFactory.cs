using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Tapko.Data.WebApi.Tests;

/// <summary>
/// The sample as its Program.cs builds it, on its own table of the shared DynamoDB Local, with every finished span
/// collected by OpenTelemetry's in-memory exporter.
/// </summary>
public sealed class TapkoApiFactory(IAmazonDynamoDB client, string table) : WebApplicationFactory<Program>
{
    private readonly LockedCollection<Activity> spans = new();

    /// <summary>The spans exported so far.</summary>
    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Tapko:TableName", table);
        builder.ConfigureTestServices(services =>
        {
            // Registered after AddTapkoStore's fallback client, so the stores and the health check use this one.
            services.AddSingleton(client);

            // The sample runs the hosted projector: its Streams calls sign with DynamoDB Local's dummy keys rather than
            // asking the SDK's credential chain, which would go on to the EC2 instance metadata address.
            services.Configure<TapkoProjectorOptions>(o => o.StreamsCredentials = new BasicAWSCredentials("tapkolocal", "tapkolocal"));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        });
    }
}
