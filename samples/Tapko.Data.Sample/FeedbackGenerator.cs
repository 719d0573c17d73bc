using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tapko.Data.Sample;

/// <summary>Realistic widget submissions: varied messages and payloads of different shapes. Seeded, so runs repeat.</summary>
internal sealed class FeedbackGenerator(int seed)
{
    private static readonly string[] Openers =
    [
        "The checkout button does nothing on", "Love the new dashboard, but", "I could not find the export on",
        "Pricing is unclear on", "Dark mode breaks the charts on", "Search returns nothing useful on",
        "Signup email never arrived after visiting", "The page is very slow to load:",
    ];

    private static readonly string[] Pages = ["/pricing", "/checkout", "/dashboard", "/docs/api", "/settings", "/signup"];
    private static readonly string[] Browsers = ["Firefox 133", "Chrome 131", "Safari 18", "Edge 131"];

    private readonly Random random = new(seed);

    public NewFeedback Next()
    {
        var page = Pages[random.Next(Pages.Length)];
        var message = $"{Openers[random.Next(Openers.Length)]} {page}." + (random.Next(4) == 0 ? " " + string.Concat(Enumerable.Repeat("More detail follows. ", random.Next(5, 40))) : string.Empty);
        return new NewFeedback(message, Payload(page));
    }

    private JsonElement Payload(string page)
    {
        // Three shapes, as different widget versions would send them.
        JsonObject payload = random.Next(3) switch
        {
            0 => new() { ["page"] = page, ["rating"] = random.Next(1, 6) },
            1 => new()
            {
                ["page"] = page,
                ["browser"] = Browsers[random.Next(Browsers.Length)],
                ["viewport"] = new JsonObject { ["width"] = random.Next(360, 2560), ["height"] = random.Next(640, 1440) },
                ["tags"] = new JsonArray("ui", random.Next(2) == 0 ? "bug" : "idea"),
            },
            _ => new()
            {
                ["page"] = page,
                ["nps"] = random.Next(0, 11),
                ["consentToContact"] = random.Next(2) == 0,
                ["session"] = new JsonObject { ["durationSeconds"] = Math.Round(random.NextDouble() * 900, 1), ["referrer"] = null },
            },
        };
        return JsonSerializer.SerializeToElement(payload);
    }
}
