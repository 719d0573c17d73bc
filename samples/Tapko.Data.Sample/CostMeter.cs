using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tapko.Data;

namespace Tapko.Data.Sample;

/// <summary>
/// Listens to the library's own <c>Tapko.Data</c> meter for one table, so the cost table shows what the library
/// published, not what the sample thinks it spent.
/// </summary>
internal sealed class CostMeter : IDisposable
{
    private readonly string table;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Totals> byOperation = new(StringComparer.Ordinal);

    public CostMeter(string table)
    {
        this.table = table;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TapkoTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    /// <summary>Per store operation: calls, read and write units, and each call's duration.</summary>
    public IReadOnlyDictionary<string, Totals> Snapshot() => byOperation;

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? operation = null;
        string? tableName = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TapkoTelemetry.OperationTag: operation = tag.Value as string; break;
                case TapkoTelemetry.TableTag: tableName = tag.Value as string; break;
            }
        }

        // Other code in the same process (a test run) may use the library on other tables at the same time.
        if (operation is null || tableName != table)
        {
            return;
        }

        var totals = byOperation.GetOrAdd(operation, _ => new Totals());
        lock (totals)
        {
            switch (instrument.Name)
            {
                case TapkoTelemetry.ReadCapacityInstrument: totals.ReadUnits += value; break;
                case TapkoTelemetry.WriteCapacityInstrument: totals.WriteUnits += value; break;
                case TapkoTelemetry.DurationInstrument: totals.Durations.Add(value); break;
            }
        }
    }

    internal sealed class Totals
    {
        public double ReadUnits { get; set; }

        public double WriteUnits { get; set; }

        public List<double> Durations { get; } = [];

        public int Calls => Durations.Count;

        public double MedianMilliseconds
        {
            get
            {
                if (Durations.Count == 0)
                {
                    return 0;
                }

                var sorted = Durations.Order().ToArray();
                var mid = sorted.Length / 2;
                var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
                return median * 1_000;
            }
        }
    }
}
