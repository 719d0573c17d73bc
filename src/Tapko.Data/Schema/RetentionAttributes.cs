using System.Globalization;

namespace Tapko.Data.Schema;

/// <summary>
/// A project's retention policy as stored on its item and its claim (<c>retainResolvedDays</c>, <c>maxAgeDays</c>): on
/// the claim so that every submission and move, which already resolves it (cached), expires feedback without a read.
/// </summary>
internal static class RetentionAttributes
{
    public const string ResolvedDays = "retainResolvedDays";
    public const string MaxAgeDays = "maxAgeDays";

    public static FeedbackRetention Read(Dictionary<string, AttributeValue> item)
    {
        var resolved = Number(item, ResolvedDays);
        var maxAge = Number(item, MaxAgeDays);
        return resolved is null && maxAge is null ? FeedbackRetention.KeepForever : new FeedbackRetention { ResolvedRetentionDays = resolved,
            MaxAgeDays = maxAge };
    }

    public static void Write(Dictionary<string, AttributeValue> item, FeedbackRetention retention)
    {
        Set(item, ResolvedDays, retention.ResolvedRetentionDays);
        Set(item, MaxAgeDays, retention.MaxAgeDays);
    }

    /// <summary>The <c>SET</c> and <c>REMOVE</c> parts that make an item carry <paramref name="retention"/>, with their names and values.</summary>
    public static (string Set, string Remove) Update(FeedbackRetention retention, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        names["#retainResolved"] = ResolvedDays;
        names["#maxAge"] = MaxAgeDays;
        var sets = new List<string>();
        var removes = new List<string>();
        foreach (var (name, days) in new[] { ("#retainResolved", retention.ResolvedRetentionDays), ("#maxAge", retention.MaxAgeDays) })
        {
            if (days is { } d)
            {
                values[":" + name[1..]] = new() { N = d.ToString(CultureInfo.InvariantCulture) };
                sets.Add($"{name} = :{name[1..]}");
            }
            else
            {
                removes.Add(name);
            }
        }

        return (string.Join(", ", sets), string.Join(", ", removes));
    }

    private static int? Number(Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.N is { } n ? int.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static void Set(Dictionary<string, AttributeValue> item, string name, int? days)
    {
        if (days is { } d)
        {
            item[name] = new() { N = d.ToString(CultureInfo.InvariantCulture) };
        }
        else
        {
            item.Remove(name);
        }
    }
}
