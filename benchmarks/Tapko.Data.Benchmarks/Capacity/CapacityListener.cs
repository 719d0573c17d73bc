using System.Diagnostics.Metrics;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// Sums the capacity units published on the <c>Tapko.Data</c> meter (and the baselines' twin meter) for the tables of
/// the benchmark case being run. Setup and restore writes go through the bare client, which publishes nothing, so
/// everything counted here was spent by benchmark invocations.
/// </summary>
public sealed class CapacityListener : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private HashSet<string> tables = new(StringComparer.Ordinal);
    private Units measured;
    private int scanRequests;

    public CapacityListener()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name is TapkoTelemetry.MeterName or BaselineTelemetry.MeterName
                && instrument.Name is TapkoTelemetry.ReadCapacityInstrument or TapkoTelemetry.WriteCapacityInstrument or TapkoTelemetry.RequestsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnUnits);
        listener.SetMeasurementEventCallback<long>(OnRequest);
        listener.Start();
    }

    /// <summary>Starts counting afresh, for these tables only.</summary>
    public void Reset(IEnumerable<string> caseTables)
    {
        lock (gate)
        {
            tables = new HashSet<string>(caseTables, StringComparer.Ordinal);
            measured = default;
            scanRequests = 0;
        }
    }

    public (Units Measured, int ScanRequests) Snapshot()
    {
        lock (gate)
        {
            return (measured, scanRequests);
        }
    }

    public void Dispose() => listener.Dispose();

    private void OnUnits(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? table = null;
        var onIndex = false;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TapkoTelemetry.TableTag: table = tag.Value as string; break;
                case TapkoTelemetry.IndexTag: onIndex = tag.Value is not null; break;
            }
        }

        var isWrite = instrument.Name == TapkoTelemetry.WriteCapacityInstrument;
        lock (gate)
        {
            if (table is null || !tables.Contains(table))
            {
                return;
            }

            measured += (isWrite, onIndex) switch
            {
                (false, false) => Units.TableReads(value),
                (true, false) => Units.TableWrites(value),
                (false, true) => Units.IndexReads(value),
                (true, true) => Units.IndexWrites(value),
            };
        }
    }

    private void OnRequest(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? table = null, operation = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TapkoTelemetry.TableTag: table = tag.Value as string; break;
                case TapkoTelemetry.DynamoDbOperationTag: operation = tag.Value as string; break;
            }
        }

        lock (gate)
        {
            if (operation == "Scan" && table is not null && tables.Contains(table))
            {
                scanRequests += (int)value;
            }
        }
    }
}
