using System.Text.Json;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// The hosted projector's reading of the table's stream: under the table's lease (one reader per table), every shard
/// ready by lineage (<see cref="ShardLineage"/>) from its checkpoint, batch by batch through <see cref="ProjectorCore"/>,
/// checkpointing after each batch. A crash between applying a batch and checkpointing it replays the batch, which the
/// counts' positions make harmless and the events' stable ids let handlers recognise.
/// </summary>
internal sealed class FeedReader(TapkoContext context, StreamsClient streams, ProjectorCore core, TapkoProjectorOptions options)
{
    /// <summary>Reads per shard in one pass, so one busy shard does not starve the others or the heartbeat.</summary>
    private const int ReadsPerPass = 10;

    /// <summary>How long a shard read past only the projector's own writes goes without a new checkpoint.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMinutes(1);

    private readonly string holder = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, string?> applied = new(StringComparer.Ordinal);
    private readonly HashSet<string> finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> iterators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> checkpointed = new(StringComparer.Ordinal);
    private string? streamArn;
    private bool loaded;
    private DateTimeOffset leaseUntil = DateTimeOffset.MinValue;

    /// <summary>One pass over every ready shard of the stream, and what it came to.</summary>
    public async Task<PassResult> PassAsync(CancellationToken cancellationToken)
    {
        if (!await HoldLeaseAsync(cancellationToken).ConfigureAwait(false))
        {
            return PassResult.NotLeaseHolder;
        }

        streamArn ??= await StreamArnAsync(cancellationToken).ConfigureAwait(false);
        var pass = new ShardRead();
        foreach (var shard in ShardLineage.Ready(await ShardsAsync(cancellationToken).ConfigureAwait(false), finished))
        {
            await ReadShardAsync(shard.ShardId, pass, cancellationToken).ConfigureAwait(false);
        }

        var lag = pass.Newest is { } newest && (pass.Progressed || pass.More) ? context.Time.GetUtcNow() - newest : TimeSpan.Zero;
        await core.ReportAsync(lag, force: false, cancellationToken).ConfigureAwait(false);
        return pass.Failed ? PassResult.Failed : pass.Progressed || pass.More ? PassResult.MoreToRead : PassResult.CaughtUp;
    }

    /// <summary>
    /// Reads one shard from where it was left, up to <see cref="ReadsPerPass"/> batches. The projector's own writes (its
    /// lease, checkpoints, heartbeat and the counts on claims) come back on the stream too: they are read past, and
    /// count as progress only when a batch held a change of feedback, so a pass that found nothing else is caught up.
    /// </summary>
    private async Task ReadShardAsync(string shardId, ShardRead pass, CancellationToken cancellationToken)
    {
        for (var read = 0; read < ReadsPerPass; read++)
        {
            var iterator = iterators.GetValueOrDefault(shardId) ?? await IteratorAsync(shardId, cancellationToken).ConfigureAwait(false);
            iterators.Remove(shardId);
            if (iterator is null)
            {
                return;
            }

            var page = await RecordsAsync(iterator, cancellationToken).ConfigureAwait(false);
            var records = (page.Records ?? []).Select(r => r.ToChange()).ToList();
            var ended = page.NextShardIterator is null;
            if (records.Count > 0)
            {
                var matters = records.Any(ProjectorCore.Matters);
                var failed = matters ? await core.ApplyAsync(records, cancellationToken).ConfigureAwait(false) : null;
                var done = records.Take(failed ?? records.Count).ToList();
                pass.Progressed |= matters;
                if (done.Count > 0)
                {
                    pass.Newest = done[^1].CreatedAt > (pass.Newest ?? DateTimeOffset.MinValue) ? done[^1].CreatedAt : pass.Newest;
                    var stale = context.Time.GetUtcNow() - checkpointed.GetValueOrDefault(shardId, DateTimeOffset.MinValue) > CheckpointInterval;
                    if (matters || stale || (ended && failed is null))
                    {
                        await CheckpointAsync(shardId, done[^1].SequenceNumber, finished: ended && failed is null, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (failed is not null)
                {
                    // Resume from the checkpoint next pass, after the caller's wait.
                    pass.Failed = true;
                    return;
                }
            }
            else if (ended)
            {
                await CheckpointAsync(shardId, applied.GetValueOrDefault(shardId), finished: true, cancellationToken).ConfigureAwait(false);
            }

            if (ended)
            {
                return;
            }

            iterators[shardId] = page.NextShardIterator!;
            if (records.Count == 0)
            {
                return;
            }
        }

        pass.More = true;
    }

    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        if (loaded && now < leaseUntil - (options.LeaseDuration / 3) && now >= leaseUntil - options.LeaseDuration)
        {
            // Held, with time to spare: renewing on every pass would write (and stream) the lease every poll.
            return true;
        }

        var held = await context.RunAsync(OperationNames.ProjectorCheckpoint, async scope =>
        {
            var outcome = await context.Requests.UpdateItemAsync(scope, FeedBookkeeping.Lease(context.Table, holder, now,
                now + options.LeaseDuration), cancellationToken).ConfigureAwait(false);
            if (outcome.Applied && (!loaded || FeedBookkeeping.WasSomeoneElses(outcome.Response!.Attributes, holder)))
            {
                await LoadCheckpointsAsync(scope, cancellationToken).ConfigureAwait(false);
            }

            leaseUntil = outcome.Applied ? now + options.LeaseDuration : DateTimeOffset.MinValue;

            return outcome.Applied;
        }).ConfigureAwait(false);
        if (!held)
        {
            // Another instance reads the stream; what this one knew may be stale by the time it holds the lease again.
            loaded = false;
            iterators.Clear();
        }

        return held;
    }

    private async Task LoadCheckpointsAsync(OperationScope scope, CancellationToken cancellationToken)
    {
        applied.Clear();
        finished.Clear();
        iterators.Clear();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await context.Requests.QueryAsync(scope, FeedBookkeeping.Checkpoints(context.Table, start), cancellationToken).ConfigureAwait(false);
            foreach (var (shard, sequence, done) in (page.Items ?? []).Select(FeedBookkeeping.Read))
            {
                applied[shard] = sequence;
                if (done)
                {
                    finished.Add(shard);
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        loaded = true;
    }

    private Task<bool> CheckpointAsync(string shardId, string? sequence, bool finished, CancellationToken cancellationToken) =>
        context.RunAsync(OperationNames.ProjectorCheckpoint, async scope =>
        {
            await context.Requests.PutItemAsync(scope, FeedBookkeeping.Checkpoint(context.Table, shardId, sequence, finished,
                context.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            applied[shardId] = sequence;
            checkpointed[shardId] = context.Time.GetUtcNow();
            if (finished)
            {
                this.finished.Add(shardId);
            }

            return true;
        });

    private async Task<string> StreamArnAsync(CancellationToken cancellationToken)
    {
        var table = await context.Requests.Client.DescribeTableAsync(new DescribeTableRequest { TableName = context.Table },
            cancellationToken).ConfigureAwait(false);
        return table.Table.StreamSpecification?.StreamEnabled == true && table.Table.LatestStreamArn is { } arn
            ? arn
            : throw new InvalidOperationException(
                $"Table '{context.Table}' has no stream: create it from TapkoTable.BuildCreateTableRequest (docs/table.md), " +
                "or enable a NEW_AND_OLD_IMAGES stream on it.");
    }

    private async Task<List<StreamShard>> ShardsAsync(CancellationToken cancellationToken)
    {
        var shards = new List<StreamShard>();
        string? start = null;
        do
        {
            var body = start is null ? $"{{\"StreamArn\":{Json(streamArn!)}}}"
                : $"{{\"StreamArn\":{Json(streamArn!)},\"ExclusiveStartShardId\":{Json(start)}}}";
            var description = (await streams.CallAsync("DescribeStream", body, cancellationToken).ConfigureAwait(false)).GetProperty("StreamDescription");
            var before = shards.Count;
            foreach (var shard in description.TryGetProperty("Shards", out var list) ? list.EnumerateArray() : default)
            {
                shards.Add(new StreamShard(shard.GetProperty("ShardId").GetString()!, shard.TryGetProperty("ParentShardId", out var p) ? p.GetString() : null));
            }

            // DynamoDB Local names its last shard as LastEvaluatedShardId even when no more follow: an empty page ends it.
            var next = description.TryGetProperty("LastEvaluatedShardId", out var last) ? last.GetString() : null;
            start = shards.Count > before && next != start ? next : null;
        }
        while (start is not null);
        return shards;
    }

    private async Task<string?> IteratorAsync(string shardId, CancellationToken cancellationToken)
    {
        var from = applied.GetValueOrDefault(shardId);
        var position = from is null ? "\"ShardIteratorType\":\"TRIM_HORIZON\""
            : $"\"ShardIteratorType\":\"AFTER_SEQUENCE_NUMBER\",\"SequenceNumber\":{Json(from)}";
        try
        {
            var answer = await streams.CallAsync("GetShardIterator", $"{{\"StreamArn\":{Json(streamArn!)},\"ShardId\":{Json(shardId)},{position}}}",
                cancellationToken).ConfigureAwait(false);
            return answer.TryGetProperty("ShardIterator", out var iterator) ? iterator.GetString() : null;
        }
        catch (StreamsException e) when (e.ErrorCode == "TrimmedDataAccessException")
        {
            // The checkpoint is older than the stream keeps (24 hours): those changes are lost to this projector.
            Log.StreamTrimmed(context.Logger, shardId, from ?? "-");
            applied.Remove(shardId);
            return await IteratorAsync(shardId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StreamRecordsJson> RecordsAsync(string iterator, CancellationToken cancellationToken)
    {
        var answer = await streams.CallAsync("GetRecords", $"{{\"ShardIterator\":{Json(iterator)},\"Limit\":{options.MaxRecordsPerRead}}}",
            cancellationToken).ConfigureAwait(false);
        return answer.Deserialize(StreamJsonContext.Default.StreamRecordsJson) ?? new StreamRecordsJson();
    }

    private static string Json(string value) => JsonSerializer.Serialize(value, StreamJsonContext.Default.String);
}
