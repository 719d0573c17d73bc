using OpenTelemetry;

namespace Tapko.Data.Benchmarks.Overhead;

/// <summary>
/// An exporter that only counts what reaches it: the SDK does all its work (sampling, recording, batching,
/// aggregation) and nothing leaves the process, so the overhead measured is the library's telemetry inside the SDK,
/// not a network exporter's. The count proves the SDK really received the library's spans and metrics.
/// </summary>
public sealed class CountingExporter<T> : BaseExporter<T>
    where T : class
{
    private long exported;

    public long Exported => Interlocked.Read(ref exported);

    public override ExportResult Export(in Batch<T> batch)
    {
        Interlocked.Add(ref exported, batch.Count);
        return ExportResult.Success;
    }
}
