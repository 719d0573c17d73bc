using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tapko.Data.Benchmarks.Data;

/// <summary>
/// Builds the seeded datasets: 100 projects of 10 owners, feedback with 200–2,000-byte messages and payloads of
/// several shapes. Every value of a project's k-th newest item derives from (project, k) alone, so the newest pages of
/// a project are byte-identical in the 1k, 10k and 100k datasets: a page read costs the same only if the design's cost
/// does not grow with the table, which is exactly what the runs compare.
/// </summary>
public static class DatasetGenerator
{
    public const int ProjectCount = 100;
    public const int OwnerCount = 10;
    public const int MinMessageBytes = 200;
    public const int MaxMessageBytes = 2_000;

    /// <summary>Two large customers hold this share each; the remaining projects follow a Zipf tail, as real tenants do.</summary>
    public const double LargeProjectShare = 0.20;

    /// <summary>Statuses of a mature project: most feedback resolved, a triage inbox of open items.</summary>
    public const double OpenShare = 0.30;
    public const double InProgressShare = 0.15;

    public static readonly DateTimeOffset Newest = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "the", "export", "button", "dashboard", "is", "hidden", "on", "mobile", "when", "I", "open", "settings", "page",
        "chart", "loads", "slowly", "after", "login", "and", "search", "returns", "nothing", "for", "invoices", "dark",
        "mode", "breaks", "colours", "in", "tables", "please", "add", "keyboard", "shortcuts", "filter", "by", "date",
        "timezone", "wrong", "emails", "arrive", "twice", "café", "naïve", "€", "größe", "thanks", "🙂",
    ];

    private static readonly string[] Pages = ["/pricing", "/checkout", "/dashboard", "/docs/api", "/settings", "/signup", "/reports/2026/q3"];
    private static readonly string[] Browsers = ["Firefox 133", "Chrome 131", "Safari 18", "Edge 131", "Samsung Internet 27"];

    /// <summary>
    /// The projects of a dataset. Every item derives from its project's id, so a <paramref name="seed"/> other than 0
    /// gives other ids and with them other messages, payloads, sizes and statuses, of the same distributions.
    /// </summary>
    public static IReadOnlyList<GeneratedProject> Projects(int seed = 0)
    {
        var projects = new List<GeneratedProject>(ProjectCount);
        for (var rank = 0; rank < ProjectCount; rank++)
        {
            var random = RandomFor(seed == 0 ? "project" : $"project-seed{seed}", rank);
            var owner = UserId.Parse($"owner-{rank % OwnerCount:D2}");
            var createdAt = Newest.AddDays(-800 - rank);
            var id = ProjectId.Parse(Ulid.NewUlid(createdAt, Bytes(random, 10)).ToString());
            projects.Add(new GeneratedProject(new ProjectKey(owner, id), $"Project {rank:D3} of {owner}", createdAt, rank));
        }

        return projects;
    }

    /// <summary>How many items each project holds in a dataset of <paramref name="total"/> items (sums exactly to it).</summary>
    public static int[] ItemsPerProject(int total)
    {
        var weights = new double[ProjectCount];
        var tail = 0.0;
        for (var rank = 2; rank < ProjectCount; rank++)
        {
            tail += 1.0 / (rank - 1);
        }

        for (var rank = 0; rank < ProjectCount; rank++)
        {
            weights[rank] = rank < 2 ? LargeProjectShare : (1 - (2 * LargeProjectShare)) / (rank - 1) / tail;
        }

        // Largest remainder, so the total is exact.
        var counts = weights.Select(w => (int)Math.Floor(w * total)).ToArray();
        var order = weights.Select((w, i) => (Remainder: (w * total) - counts[i], i)).OrderByDescending(x => x.Remainder).ToArray();
        for (var k = 0; k < total - counts.Sum(); k++)
        {
            counts[order[k].i]++;
        }

        return counts;
    }

    public static IEnumerable<GeneratedFeedback> Feedback(IReadOnlyList<GeneratedProject> projects, int total)
    {
        var counts = ItemsPerProject(total);
        for (var p = 0; p < projects.Count; p++)
        {
            for (var recency = 0; recency < counts[p]; recency++)
            {
                yield return Item(projects[p], recency);
            }
        }
    }

    /// <summary>The project's item at this recency; the same in every dataset size.</summary>
    public static GeneratedFeedback Item(GeneratedProject project, int recency)
    {
        var random = RandomFor(project.Key.ProjectId.Value, recency);

        // About 40 minutes apart, so 20k items span three years and the ids order exactly as the recency.
        var createdAt = Newest.AddMinutes(-40.0 * recency).AddMilliseconds(-random.Next(0, 2_000_000));
        var id = FeedbackId.Parse(Ulid.NewUlid(createdAt, Bytes(random, 10)).ToString());
        var roll = random.NextDouble();
        var status = roll < OpenShare ? FeedbackStatus.Open : roll < OpenShare + InProgressShare ? FeedbackStatus.InProgress : FeedbackStatus.Resolved;
        var updatedAt = status == FeedbackStatus.Open ? id.CreatedAt : id.CreatedAt.AddHours(random.Next(1, 200));
        return new GeneratedFeedback(project.Key, id, Message(random), Payload(random), status, Truncate(updatedAt), recency);
    }

    /// <summary>A fresh submission for the write benchmarks, stamped at <paramref name="at"/>.</summary>
    public static GeneratedFeedback NewSubmission(ProjectKey project, int sequence, DateTimeOffset at)
    {
        var random = RandomFor("submission-" + project.ProjectId.Value, sequence);
        var id = FeedbackId.Parse(Ulid.NewUlid(at, Bytes(random, 10)).ToString());
        return new GeneratedFeedback(project, id, Message(random), Payload(random), FeedbackStatus.Open, id.CreatedAt, -1);
    }

    private static string Message(Random random)
    {
        var target = random.Next(MinMessageBytes, MaxMessageBytes + 1);
        var text = new StringBuilder(target + 16);
        var bytes = 0;
        while (true)
        {
            var word = Words[random.Next(Words.Length)];
            var cost = Encoding.UTF8.GetByteCount(word) + (text.Length > 0 ? 1 : 0);
            if (bytes + cost > target)
            {
                break;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(word);
            bytes += cost;
        }

        // Pad with ASCII so the UTF-8 length is exactly the drawn one.
        text.Append('.', target - bytes);
        return text.ToString();
    }

    private static JsonElement Payload(Random random)
    {
        var page = Pages[random.Next(Pages.Length)];

        // Four shapes, as different widget versions would send them: flat, nested, with lists, with a breadcrumb trail.
        JsonObject payload = random.Next(4) switch
        {
            0 => new() { ["page"] = page, ["rating"] = random.Next(1, 6) },
            1 => new()
            {
                ["page"] = page,
                ["browser"] = Browsers[random.Next(Browsers.Length)],
                ["viewport"] = new JsonObject { ["width"] = random.Next(360, 2560), ["height"] = random.Next(640, 1440), ["dpr"] = 1.5 },
                ["tags"] = new JsonArray("ui", random.Next(2) == 0 ? "bug" : "idea"),
            },
            2 => new()
            {
                ["page"] = page,
                ["nps"] = random.Next(0, 11),
                ["consentToContact"] = random.Next(2) == 0,
                ["session"] = new JsonObject { ["durationSeconds"] = Math.Round(random.NextDouble() * 900, 1), ["referrer"] = null },
            },
            _ => new()
            {
                ["page"] = page,
                ["breadcrumbs"] = new JsonArray([.. Enumerable.Range(0, random.Next(3, 12)).Select(i => (JsonNode?)new JsonObject
                {
                    ["at"] = i * random.Next(100, 5000),
                    ["event"] = random.Next(3) switch { 0 => "click", 1 => "navigate", _ => "error" },
                    ["target"] = Pages[random.Next(Pages.Length)],
                })]),
                ["release"] = $"2026.{random.Next(1, 12)}.{random.Next(0, 30)}",
            },
        };
        return JsonSerializer.SerializeToElement(payload);
    }

    private static Random RandomFor(string scope, int index)
    {
        // A stable hash (string.GetHashCode is randomised per process).
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}/{index}"));
        return new Random(BitConverter.ToInt32(hash, 0));
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
