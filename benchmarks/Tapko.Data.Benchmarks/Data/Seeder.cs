using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// Writes items with BatchWriteItem (25 per request, a few requests in flight, unprocessed items resent) and reports
/// progress, because the 100k dataset takes minutes on DynamoDB Local and a silent wait looks like a hang.
/// </summary>
public static class Seeder
{
    private const int BatchSize = 25;
    private const int InFlight = 4;

    public static async Task<TimeSpan> WriteAsync(IAmazonDynamoDB client, string? label, IReadOnlyList<(string Table, Dictionary<string, AttributeValue> Item)> items)
    {
        var started = Stopwatch.StartNew();
        var written = 0;
        var reported = 0;
        var batches = items.Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (batch, ct) =>
        {
            var pending = batch
                .GroupBy(i => i.Table)
                .ToDictionary(g => g.Key, g => g.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i.Item } }).ToList());
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
                pending = response.UnprocessedItems?.Where(p => p.Value is { Count: > 0 }).ToDictionary(p => p.Key, p => p.Value) ?? [];
                if (pending.Count > 0)
                {
                    await Task.Delay(Math.Min(1_000, 20 * attempt), ct).ConfigureAwait(false);
                }
            }

            var done = Interlocked.Add(ref written, batch.Length);
            var tenth = done * 10 / items.Count;
            if (label is not null && tenth > Volatile.Read(ref reported) && Interlocked.Exchange(ref reported, (int)tenth) < tenth)
            {
                Console.WriteLine($"  {label}: {done:N0}/{items.Count:N0} items ({started.Elapsed.TotalSeconds:F1} s)");
            }
        }).ConfigureAwait(false);
        return started.Elapsed;
    }
}
