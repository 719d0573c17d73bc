using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tapko.Data.Benchmarks.Overhead;

/// <summary>
/// The OpenTelemetry SDK listening to the library as a production service configures it: every span of the
/// <c>Tapko.Data</c> source recorded (the default parent-based always-on sampler, the dearest case) through a batch
/// processor, and the <c>Tapko.Data</c> meter's instruments aggregated by a periodic reader. Disposing it detaches
/// the listeners, so cases measured after it run bare again.
/// </summary>
public sealed class ProductionTelemetry : IDisposable
{
    private readonly CountingExporter<Activity> spans = new();
    private readonly CountingExporter<Metric> metrics = new();
    private readonly TracerProvider tracing;
    private readonly MeterProvider metering;

    public ProductionTelemetry()
    {
        tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TapkoTelemetry.ActivitySourceName)
            .AddProcessor(new BatchActivityExportProcessor(spans))
            .Build();
        metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(TapkoTelemetry.MeterName)
            .AddReader(new PeriodicExportingMetricReader(metrics))
            .Build();
    }

    /// <summary>Flushes both pipelines and says what reached the exporters; throws if nothing did, since then nothing was measured.</summary>
    public string Flush()
    {
        tracing.ForceFlush();
        metering.ForceFlush();
        if (spans.Exported == 0 || metrics.Exported == 0)
        {
            throw new InvalidOperationException($"OpenTelemetry received {spans.Exported} spans and {metrics.Exported} metric streams from Tapko.Data: the listener was not attached.");
        }

        return $"OpenTelemetry exported {spans.Exported:N0} spans and {metrics.Exported:N0} metric streams from Tapko.Data";
    }

    public void Dispose()
    {
        tracing.Dispose();
        metering.Dispose();
    }
}
