namespace Tapko.Data.TestSupport;

/// <summary>
/// The README's command for the web sample, in its parts. Two tests use it, so README.md and the test that runs the
/// sample cannot say different things: tests/Tapko.Data.Tests checks that README.md shows exactly
/// <see cref="CommandLine"/>, and tests/Tapko.Data.WebApi.Tests starts the sample as a separate process from the same
/// command and environment, with only its own DynamoDB Local put in place of <see cref="ExampleServiceUrl"/>.
/// </summary>
public static class WebApiSampleCommand
{
    /// <summary>The project the command runs, relative to the repository root the README's commands start from.</summary>
    public const string ProjectPath = "samples/Tapko.Data.WebApi";

    /// <summary>The command itself.</summary>
    public const string Command = "dotnet run --project " + ProjectPath;

    /// <summary>The variable naming the DynamoDB endpoint: the <c>Tapko</c> section's <c>ServiceUrl</c>.</summary>
    public const string ServiceUrlVariable = "Tapko__ServiceUrl";

    /// <summary>The endpoint the README shows: any DynamoDB Local.</summary>
    public const string ExampleServiceUrl = "http://127.0.0.1:8000";

    /// <summary>The table the sample creates when nothing overrides its appsettings.json, as the README's comment says.</summary>
    public const string DefaultTableName = "tapko-webapi";

    /// <summary>
    /// The environment the README sets, in its order: the endpoint, and dummy credentials for the SDK's credential chain
    /// (DynamoDB Local accepts any; without them the chain would go looking for an instance role).
    /// </summary>
    /// <param name="serviceUrl">The endpoint: <see cref="ExampleServiceUrl"/> in the README, a test's own DynamoDB Local when run.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(string serviceUrl) =>
    [
        new(ServiceUrlVariable, serviceUrl),
        new("AWS_ACCESS_KEY_ID", "local"),
        new("AWS_SECRET_ACCESS_KEY", "local"),
    ];

    /// <summary>The command line as README.md shows it (its line continuation joined): the environment, then the command.</summary>
    public static string CommandLine =>
        string.Join(' ', Environment(ExampleServiceUrl).Select(v => $"{v.Key}={v.Value}")) + " " + Command;
}
