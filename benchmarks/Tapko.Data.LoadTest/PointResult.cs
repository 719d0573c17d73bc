namespace Tapko.Data.LoadTest;

/// <summary>One second of a run (model time): what was offered, answered, refused and left unknown in it.</summary>
public sealed record SecondSample(int Second, int Offered, int Acknowledged, int Refused, int Unknown, int Throttles, int Conflicts);

/// <summary>The outcome of one design at one offered rate.</summary>
public sealed record PointResult
{
    public required string Design { get; init; }

    public required int Rate { get; init; }

    public required double Seconds { get; init; }

    public required double TimeScale { get; init; }

    /// <summary>The model's transaction latency (model ms): how long a submit holds the project item.</summary>
    public required double TransactionLatencyMs { get; init; }

    /// <summary>The model's write units per second per partition key.</summary>
    public required double PartitionWcu { get; init; }

    public required int Offered { get; init; }

    public required int Acknowledged { get; init; }

    /// <summary>Definite refusals the caller saw, by outcome (unknown outcomes are in <see cref="Unknown"/>).</summary>
    public required IReadOnlyDictionary<string, int> Refused { get; init; }

    /// <summary>Model seconds from the first due submission to the last answer.</summary>
    public required double Duration { get; init; }

    /// <summary>HTTP requests through the model, by operation, retries included.</summary>
    public required IReadOnlyDictionary<string, long> Requests { get; init; }

    public required long Throttles { get; init; }

    public required long Conflicts { get; init; }

    /// <summary>Conflicts the model answered per offered submission: how often a submit met another on the same key.</summary>
    public double ConflictsPerSubmission => Offered == 0 ? 0 : (double)Conflicts / Offered;

    /// <summary>Throttles and conflicts that were followed by another attempt (SDK or library), i.e. not the caller's last answer.</summary>
    public required long Retries { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    /// <summary>
    /// How late the 99th percentile submission started after it was due (model ms): the harness's own lag. Large
    /// values mean the machine, not the model, limited the point.
    /// </summary>
    public required double StartLagP99Ms { get; init; }

    /// <summary>
    /// Submissions whose caller got no definite answer (a timeout, a 5xx, a transport fault after the SDK's retries),
    /// each repeated after the burst with its id (<see cref="RepeatedSubmission"/>).
    /// </summary>
    public required int Unknown { get; init; }

    /// <summary>Of <see cref="Unknown"/>, those already stored when repeated: the write applied although its caller heard an error.</summary>
    public required int UnknownStoredBefore { get; init; }

    /// <summary>Repeats of an unknown outcome that did not return the submission: the library's retry promise broken.</summary>
    public required int RepeatsBroken { get; init; }

    /// <summary>Acknowledged (by the first call or by its repeat) but not stored.</summary>
    public required int Lost { get; init; }

    /// <summary>Submissions stored more than once (the same message nonce under two items).</summary>
    public required int Duplicated { get; init; }

    /// <summary>Definitely refused to the caller (a throttle, a conflict, a 4xx) yet stored.</summary>
    public required int RefusedButStored { get; init; }

    /// <summary>Write units settled on the project's partition key, table and GSI1, per model second of the run.</summary>
    public required double TableWcuPerSecond { get; init; }

    public required double IndexWcuPerSecond { get; init; }

    /// <summary>Write units settled on the project's table partition key per acknowledged submission.</summary>
    public required double TableWcuPerAcknowledged { get; init; }

    /// <summary>What the project's table partition could take if write units were the only limit.</summary>
    public double WcuCeiling => TableWcuPerAcknowledged > 0 ? PartitionWcu / TableWcuPerAcknowledged : 0;

    public required IReadOnlyList<SecondSample> PerSecond { get; init; }

    /// <summary>
    /// Acknowledged submissions per model second in the steady part of the burst: the median of the whole seconds
    /// after the first (which has the partition's burst allowance and a cold claim cache) and before the offer stops
    /// (after which only retries drain). Runs shorter than three seconds have no such part: all acknowledged over the
    /// offered time.
    /// </summary>
    public double AcknowledgedPerSecond
    {
        get
        {
            var steady = PerSecond.Where(s => s.Second >= 1 && s.Second < (int)Seconds).Select(s => (double)s.Acknowledged).Order().ToArray();
            return Seconds < 3 || steady.Length == 0 ? Acknowledged / Seconds : steady[steady.Length / 2];
        }
    }

    /// <summary>Every offered submission acknowledged, none refused.</summary>
    public bool Sustained => Acknowledged == Offered;

    public bool Consistent => Lost == 0 && Duplicated == 0 && RefusedButStored == 0 && RepeatsBroken == 0;
}
