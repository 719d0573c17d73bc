namespace Tapko.Data.Sample;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions
{
    public const string Usage = """
        Usage: dotnet run --project samples/Tapko.Data.Sample -- [options]

          --endpoint URL     use this DynamoDB (also TAPKO_DYNAMODB_URL); AWS endpoints
                             use the standard credential chain. Default: start
                             DynamoDB Local (Docker, or Java 17+ and npm).
          --region NAME      signing region for --endpoint (default: AWS_REGION or
                             us-east-1)
          --table NAME       table to create and use (default: tapko-sample-<time>)
          --submissions N    widget submissions in the burst (default: 300)
          --keep             leave the table in place afterwards
          --help             show this text
        """;

    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? Table { get; init; }

    public int Submissions { get; init; } = 300;

    public bool Keep { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses arguments; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions { Endpoint = Environment.GetEnvironmentVariable("TAPKO_DYNAMODB_URL") is { Length: > 0 } env ? env : null };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--endpoint" => options with { Endpoint = Value() },
                "--region" => options with { Region = Value() },
                "--table" => options with { Table = Value() },
                "--submissions" => options with { Submissions = ParseCount(Value()) },
                "--keep" => options with { Keep = true },
                "--help" or "-h" => options with { Help = true },
                var other => throw new ArgumentException($"Unknown option '{other}'. Try --help."),
            };
        }

        return options;
    }

    private static int ParseCount(string text) =>
        int.TryParse(text, out var n) && n is >= 10 and <= 100_000
            ? n
            : throw new ArgumentException($"--submissions must be a whole number from 10 to 100000 (was '{text}').");
}
