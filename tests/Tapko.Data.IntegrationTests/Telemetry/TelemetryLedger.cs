using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Tapko.Data.IntegrationTests.Telemetry;

/// <summary>One count on <c>tapko.data.requests</c>, with the span of the store call that published it.</summary>
public sealed record MeteredRequest(string? SpanId, string Operation, string DynamoDbOperation);

/// <summary>One measurement of <c>tapko.data.read_capacity_units</c> or <c>write_capacity_units</c>.</summary>
public sealed record MeteredUnits(string? SpanId, string Operation, string DynamoDbOperation, string Table, string? Index, bool IsWrite, double Value);

/// <summary>
/// What the library published for one table: its spans (<c>Tapko.Data</c> activity source) and its request and
/// capacity counters (<c>Tapko.Data</c> meter), each measurement tied to the span it was published in. Other test
/// classes use the library in parallel on other tables of the same process: capacity is kept by its
/// <c>aws.dynamodb.table_name</c> tag, requests (which carry no table tag) and spans by the span's
/// <c>aws.dynamodb.table_names</c>.
/// </summary>
public sealed class TelemetryLedger : IDisposable
{
    private readonly string table;
    private readonly ActivityListener spanListener = new();
    private readonly MeterListener meterListener = new();
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ConcurrentQueue<MeteredRequest> requests = new();
    private readonly ConcurrentQueue<MeteredUnits> units = new();

    public TelemetryLedger(string table)
    {
        this.table = table;
        spanListener.ShouldListenTo = source => source.Name == TapkoTelemetry.ActivitySourceName;
        spanListener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        spanListener.ActivityStopped = activity =>
        {
            if (IsOurs(activity))
            {
                spans.Enqueue(activity);
            }
        };
        ActivitySource.AddActivityListener(spanListener);

        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TapkoTelemetry.MeterName
                && instrument.Name is TapkoTelemetry.RequestsInstrument or TapkoTelemetry.ReadCapacityInstrument or TapkoTelemetry.WriteCapacityInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>(OnRequest);
        meterListener.SetMeasurementEventCallback<double>(OnUnits);
        meterListener.Start();
    }

    /// <summary>The spans of this table's store calls, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. spans];

    public IReadOnlyList<MeteredRequest> Requests => [.. requests];

    public IReadOnlyList<MeteredUnits> Units => [.. units];

    public void Dispose()
    {
        meterListener.Dispose();
        spanListener.Dispose();
    }

    private bool IsOurs(Activity? span) =>
        span?.GetTagItem("aws.dynamodb.table_names") is string[] tables && tables.Contains(table);

    private void OnRequest(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        // Published while the store call runs, so its span is the ambient activity.
        var span = WireRecorder.StoreSpan(Activity.Current);
        if (!IsOurs(span))
        {
            return;
        }

        string? operation = null, dynamoDbOperation = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TapkoTelemetry.OperationTag: operation = tag.Value as string; break;
                case TapkoTelemetry.DynamoDbOperationTag: dynamoDbOperation = tag.Value as string; break;
            }
        }

        for (var i = 0; i < value; i++)
        {
            requests.Enqueue(new MeteredRequest(span!.SpanId.ToHexString(), operation ?? "?", dynamoDbOperation ?? "?"));
        }
    }

    private void OnUnits(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
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
            var span = WireRecorder.StoreSpan(Activity.Current);
            units.Enqueue(new MeteredUnits(span?.SpanId.ToHexString(), operation ?? "?", dynamoDbOperation ?? "?", tableName, index, instrument.Name == TapkoTelemetry.WriteCapacityInstrument, value));
        }
    }

    /// <summary>
    /// Compares what the library published with what went over the wire, store call by store call, and returns every
    /// disagreement (none when they agree) and a table of all calls for the failure message:
    /// <list type="bullet">
    /// <item>each store call's requests on the meter, per DynamoDB operation, equal its distinct SDK invocations on the
    /// wire (the SDK's retries of one call are attempts of one request); and so do the sums per store operation;</item>
    /// <item>its capacity on the meter, per DynamoDB operation, table, index and kind, equals the sum of the
    /// <c>ConsumedCapacity</c> in the answers the SDK received;</item>
    /// <item>its span names the DynamoDB operations the wire saw (<c>db.operation.name</c>, in order), with one request
    /// event per request and the same request and unit totals;</item>
    /// <item>every attempt on the wire was sent by a store call of this table, and every measurement was published in one.</item>
    /// <item>an attempt the HTTP handler refused unsent (its token already cancelled) is no request.</item>
    /// </list>
    /// </summary>
    public (List<string> Problems, string Report) Compare(IReadOnlyList<WireExchange> wire)
    {
        var problems = new List<string>();
        var spansById = Spans.ToDictionary(s => s.SpanId.ToHexString(), StringComparer.Ordinal);
        var metered = Requests;
        var meteredUnits = Units;

        foreach (var orphan in wire.Where(e => e.SpanId is null))
        {
            problems.Add($"wire #{orphan.Sequence} {orphan.Operation} was sent outside any store call");
        }

        foreach (var orphan in meteredUnits.Where(u => u.SpanId is null))
        {
            problems.Add($"{orphan.Operation}/{orphan.DynamoDbOperation}: {orphan.Value} units published outside any store call");
        }

        var ids = spansById.Keys
            .Concat(wire.Select(e => e.SpanId).OfType<string>())
            .Concat(metered.Select(r => r.SpanId).OfType<string>())
            .Concat(meteredUnits.Select(u => u.SpanId).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var rows = new List<CallRow>();
        foreach (var id in ids)
        {
            var span = spansById.GetValueOrDefault(id);
            var attempted = wire.Where(e => e.SpanId == id).ToList();
            var calls = attempted.Where(e => e.Sent).ToList();
            var requestsOfCall = metered.Where(r => r.SpanId == id).ToList();
            var unitsOfCall = meteredUnits.Where(u => u.SpanId == id).ToList();
            var operation = span?.OperationName ?? attempted.FirstOrDefault()?.StoreOperation ?? requestsOfCall.FirstOrDefault()?.Operation ?? "?";
            var name = $"{operation} (span {id[..8]})";
            if (span is null)
            {
                problems.Add($"{name}: requests or units of a call whose span never ended");
            }

            // Requests: meter = distinct SDK invocations, per DynamoDB operation.
            var wireOperations = calls.Select(e => e.Operation).Distinct(StringComparer.Ordinal).ToList();
            var perOperation = new List<OperationRow>();
            foreach (var dynamoDbOperation in wireOperations.Concat(requestsOfCall.Select(r => r.DynamoDbOperation)).Distinct(StringComparer.Ordinal))
            {
                var sent = calls.Where(e => e.Operation == dynamoDbOperation).ToList();
                var invocations = sent.Select(e => e.InvocationId).Distinct(StringComparer.Ordinal).Count();
                var count = requestsOfCall.Count(r => r.DynamoDbOperation == dynamoDbOperation);
                var answers = attempted.Where(e => e.Operation == dynamoDbOperation).Select(e => e.Answer).Distinct(StringComparer.Ordinal);
                perOperation.Add(new OperationRow(dynamoDbOperation, invocations, sent.Count, count, string.Join(",", answers)));
                if (count != invocations)
                {
                    problems.Add($"{name}: {dynamoDbOperation} metered {count} request(s), the wire saw {invocations} SDK invocation(s) in {sent.Count} attempt(s) ({string.Join(", ", sent.Select(e => $"#{e.Attempt} {e.Answer}"))})");
                }
            }

            foreach (var request in requestsOfCall.Where(r => r.Operation != operation).Take(1))
            {
                problems.Add($"{name}: a request metered under {request.Operation}");
            }

            // Capacity: meter = the answers, per DynamoDB operation, table, index and kind.
            var wireCapacity = calls
                .SelectMany(e => e.Capacity.Select(u => (Key: UnitKey(e.Operation, u.Table, u.Index, u.IsWrite), u.Value)))
                .GroupBy(x => x.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Value), StringComparer.Ordinal);
            var meterCapacity = unitsOfCall
                .GroupBy(u => UnitKey(u.DynamoDbOperation, u.Table, u.Index, u.IsWrite), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(u => u.Value), StringComparer.Ordinal);
            foreach (var key in wireCapacity.Keys.Union(meterCapacity.Keys, StringComparer.Ordinal))
            {
                var answered = wireCapacity.GetValueOrDefault(key);
                var published = meterCapacity.GetValueOrDefault(key);
                if (answered != published)
                {
                    problems.Add($"{name}: {key} metered {Format(published)} units, the answers carried {Format(answered)}");
                }
            }

            var readUnits = calls.SelectMany(e => e.Capacity).Where(u => !u.IsWrite).Sum(u => u.Value);
            var writeUnits = calls.SelectMany(e => e.Capacity).Where(u => u.IsWrite).Sum(u => u.Value);
            var totalInvocations = calls.Select(e => e.InvocationId).Distinct(StringComparer.Ordinal).Count();

            // The span: the operations the wire saw, in order, and the same totals.
            if (span is not null)
            {
                var named = span.GetTagItem(TapkoTelemetry.DynamoDbOperationTag) as string;
                var expected = wireOperations.Count == 0 ? null : string.Join(' ', wireOperations);
                if (named != expected)
                {
                    problems.Add($"{name}: span db.operation.name is '{named ?? "(none)"}', the wire saw '{expected ?? "(nothing)"}'");
                }

                var events = span.Events.Count(e => e.Name == "aws.dynamodb.request");
                if (events != totalInvocations)
                {
                    problems.Add($"{name}: span has {events} request event(s), the wire saw {totalInvocations} SDK invocation(s)");
                }

                if (span.GetTagItem("tapko.requests") is not int spanRequests || spanRequests != totalInvocations)
                {
                    problems.Add($"{name}: span tapko.requests is {span.GetTagItem("tapko.requests") ?? "(none)"}, the wire saw {totalInvocations} SDK invocation(s)");
                }

                if (span.GetTagItem("tapko.read_capacity_units") is not double spanRead || spanRead != readUnits
                    || span.GetTagItem("tapko.write_capacity_units") is not double spanWrite || spanWrite != writeUnits)
                {
                    problems.Add($"{name}: span units read {span.GetTagItem("tapko.read_capacity_units")} write {span.GetTagItem("tapko.write_capacity_units")}, the answers carried read {Format(readUnits)} write {Format(writeUnits)}");
                }
            }

            rows.Add(new CallRow(
                operation,
                name,
                span?.GetTagItem(TapkoTelemetry.OutcomeTag) as string ?? "?",
                perOperation,
                readUnits,
                writeUnits,
                unitsOfCall.Where(u => !u.IsWrite).Sum(u => u.Value),
                unitsOfCall.Where(u => u.IsWrite).Sum(u => u.Value)));
        }

        // The same per store operation, attributed independently of span ids: on the wire by the name of the span
        // that was ambient while the SDK sent, on the meter by its tapko.operation tag.
        var sentByOperation = wire.Where(e => e.Sent)
            .GroupBy(e => $"{e.StoreOperation} {e.Operation}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.InvocationId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var meteredByOperation = metered
            .GroupBy(r => $"{r.Operation} {r.DynamoDbOperation}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var key in sentByOperation.Keys.Union(meteredByOperation.Keys, StringComparer.Ordinal))
        {
            if (sentByOperation.GetValueOrDefault(key) != meteredByOperation.GetValueOrDefault(key))
            {
                problems.Add($"{key}: {meteredByOperation.GetValueOrDefault(key)} request(s) metered, {sentByOperation.GetValueOrDefault(key)} SDK invocation(s) on the wire");
            }
        }

        var answeredByOperation = wire.Where(e => e.Sent)
            .SelectMany(e => e.Capacity.Select(u => (Key: $"{e.StoreOperation} {UnitKey(e.Operation, u.Table, u.Index, u.IsWrite)}", u.Value)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Value), StringComparer.Ordinal);
        var publishedByOperation = meteredUnits
            .GroupBy(u => $"{u.Operation} {UnitKey(u.DynamoDbOperation, u.Table, u.Index, u.IsWrite)}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(u => u.Value), StringComparer.Ordinal);
        foreach (var key in answeredByOperation.Keys.Union(publishedByOperation.Keys, StringComparer.Ordinal))
        {
            if (answeredByOperation.GetValueOrDefault(key) != publishedByOperation.GetValueOrDefault(key))
            {
                problems.Add($"{key}: {Format(publishedByOperation.GetValueOrDefault(key))} units metered, the answers carried {Format(answeredByOperation.GetValueOrDefault(key))}");
            }
        }

        return (problems, Report(rows));
    }

    private static string UnitKey(string operation, string tableName, string? index, bool isWrite) =>
        $"{operation}/{(index ?? "table")}/{(isWrite ? "write" : "read")}@{tableName}";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Per store operation, then per call: requests on the meter against invocations and attempts on the wire, and units.</summary>
    private static string Report(List<CallRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("per store operation: meter requests / wire invocations (attempts); units meter vs answers (read+write)");
        foreach (var group in rows.GroupBy(r => r.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ops = group.SelectMany(r => r.Operations);
            text.Append(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} call(s), ");
            text.Append(string.Join(", ", ops.GroupBy(o => o.DynamoDbOperation).Select(o =>
                $"{o.Key} {o.Sum(x => x.Metered)}/{o.Sum(x => x.Invocations)} ({o.Sum(x => x.Attempts)})")));
            text.AppendLine(CultureInfo.InvariantCulture, $"; units {Format(group.Sum(r => r.MeteredRead + r.MeteredWrite))} vs {Format(group.Sum(r => r.WireRead + r.WireWrite))}");
        }

        text.AppendLine("per call:");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {row.Name} {row.Outcome}: ");
            text.Append(string.Join("; ", row.Operations.Select(o => $"{o.DynamoDbOperation} meter {o.Metered} wire {o.Invocations} ({o.Attempts} attempts: {o.Answers})")));
            text.AppendLine(CultureInfo.InvariantCulture, $"; read {Format(row.MeteredRead)}/{Format(row.WireRead)} write {Format(row.MeteredWrite)}/{Format(row.WireWrite)}");
        }

        return text.ToString();
    }

    private sealed record OperationRow(string DynamoDbOperation, int Invocations, int Attempts, int Metered, string Answers);

    private sealed record CallRow(string Operation, string Name, string Outcome, List<OperationRow> Operations, double WireRead, double WireWrite, double MeteredRead, double MeteredWrite);
}
