using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// Collects the read and write units the library publishes on its <c>Tapko.Data</c> meter, for one table only: test
/// classes run in parallel on other tables of the same server and process.
/// </summary>
public sealed class CapacityRecorder : IDisposable
{
    private readonly string table;
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Units> measurements = new();

    public CapacityRecorder(string table)
    {
        this.table = table;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TapkoTelemetry.MeterName
                && instrument.Name is TapkoTelemetry.ReadCapacityInstrument or TapkoTelemetry.WriteCapacityInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    /// <summary>One published measurement.</summary>
    public sealed record Units(string Operation, string DynamoDbOperation, string? Index, bool IsWrite, double Value);

    public IReadOnlyList<Units> All => [.. measurements];

    public void Clear() => measurements.Clear();

    /// <summary>Read units on the table itself (<paramref name="index"/> null) or on one index.</summary>
    public double Read(string? index = null) => measurements.Where(m => !m.IsWrite && m.Index == index).Sum(m => m.Value);

    /// <summary>Write units on the table itself (<paramref name="index"/> null) or on one index.</summary>
    public double Write(string? index = null) => measurements.Where(m => m.IsWrite && m.Index == index).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    public override string ToString() =>
        $"read {Read()} (GSI1 {Read("GSI1")}), write {Write()} (GSI1 {Write("GSI1")}): " +
        string.Join("; ", measurements.Select(m => $"{m.Operation}/{m.DynamoDbOperation}/{m.Index ?? "table"} {(m.IsWrite ? "W" : "R")}={m.Value}"));

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? operation = null, dynamoDbOperation = null, tableName = null, index = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TapkoTelemetry.OperationTag: operation = tag.Value as string; break;
                case TapkoTelemetry.DynamoDbOperationTag: dynamoDbOperation = tag.Value as string; break;
                case TapkoTelemetry.TableTag: tableName = tag.Value as string; break;
                case TapkoTelemetry.IndexTag: index = tag.Value as string; break;
            }
        }

        if (tableName == table)
        {
            measurements.Enqueue(new Units(operation ?? "?", dynamoDbOperation ?? "?", index, instrument.Name == TapkoTelemetry.WriteCapacityInstrument, value));
        }
    }
}
