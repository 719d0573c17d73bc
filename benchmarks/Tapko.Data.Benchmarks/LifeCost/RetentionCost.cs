using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Designs;

namespace Tapko.Data.Benchmarks.LifeCost;

/// <summary>
/// What a retention policy adds to a feedback's life with streamed counts and the rows index, by DynamoDB's rules over
/// every item of the basis dataset: the <c>ttl</c> attribute a resolving move writes (on the item and on its row entry),
/// what the projector pays for the removal's change record, and the reads that expired items cost while they wait to be
/// removed. AWS deletes expired items without write units, typically within two days of expiry; until then they are
/// read (and billed) by queries, and the library drops them from what it returns.
/// </summary>
public static class RetentionCost
{
    /// <summary>How long expired items wait for removal: AWS's "typically within two days".</summary>
    public const double RemovalLagDays = 2;

    public static string Table(Dataset basis, ProjectorBatching batching, OnDemandPrices prices)
    {
        var tapko = (TapkoDesign)basis.Design(DesignKind.Tapko);
        var now = DateTimeOffset.UtcNow;
        var ttl = Expiry.ToAttribute(now.AddDays(30));
        double plain = 0, withTtl = 0;
        var items = basis.ByProject.SelectMany(p => p).ToList();
        foreach (var item in items)
        {
            var before = tapko.FeedbackItem(item);
            var resolved = tapko.AsWritten(tapko.FeedbackItem(item.WithStatus(FeedbackStatus.Resolved, now)));
            var expiring = new Dictionary<string, AttributeValue>(resolved) { [AttributeNames.Ttl] = ttl };
            plain += Move(before, resolved).Write;
            withTtl += Move(before, expiring).Write;
        }

        var added = (withTtl - plain) / items.Count;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Retention (streamed counts, rows index), by the rules over the {items.Count:N0} items of the {basis.Items:N0}-item dataset (seed {basis.Seed}):");
        text.AppendLine();
        text.AppendLine("| what | units per feedback | $ per million feedback |");
        text.AppendLine("| --- | ---: | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| resolving move that sets `ttl` (item and row entry), above the same move without it | +{added:0.000} WCU ({plain / items.Count:0.00} → {withTtl / items.Count:0.00}) | {prices.PerMillion(0, added):0.000} |");
        text.AppendLine("| the TTL removal itself (AWS deletes expired items, and their index entries, without write units) | 0 | 0 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the removal's change record at the projector ({batching.Describe()}) | {batching.WritesPerRecord:0.###} WCU | {prices.PerMillion(0, batching.WritesPerRecord):0.000} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Expired but not yet removed, with removal {RemovalLagDays:0} days after expiry: of a status's items kept R days, about {RemovalLagDays:0}/(R + {RemovalLagDays:0}) are expired and still read. They are the oldest of their status, so only a page that reaches past the retention horizon reads them; such a page costs up to 1/(1 − share) of its units:");
        text.AppendLine();
        text.AppendLine("| resolved items kept (R) | expired-but-present share | a page that reaches them, at most |");
        text.AppendLine("| ---: | ---: | ---: |");
        foreach (var days in new[] { 7, 30, 90 })
        {
            var share = RemovalLagDays / (days + RemovalLagDays);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {days} days | {share:P1} | {1 / (1 - share):0.00}× |");
        }

        return text.ToString();
    }

    private static Units Move(Dictionary<string, AttributeValue> before, Dictionary<string, AttributeValue> after) =>
        RowsCostModel.Move(ItemSize.Of(before), ItemSize.Of(after), ItemSize.Of(RowsCostModel.RowEntry(before)), ItemSize.Of(RowsCostModel.RowEntry(after)));

}
