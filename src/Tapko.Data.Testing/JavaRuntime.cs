using System.Globalization;
using System.Text.RegularExpressions;

namespace Tapko.Data.Testing;

/// <summary>A <c>java</c> executable and the version it reports.</summary>
internal sealed partial record JavaRuntime(string Path, string Version)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Finds a Java 17+ runtime: the one in JAVA_HOME when set, as build tools do, else the one on PATH. When it does
    /// not qualify, the reason says what was found instead, for the log and the final error.
    /// </summary>
    public static async Task<(JavaRuntime? Runtime, string Reason)> FindAsync(CancellationToken cancellationToken)
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        var path = string.IsNullOrWhiteSpace(javaHome)
            ? ProcessRunner.FindOnPath("java")
            : System.IO.Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
        if (path is null || !File.Exists(path))
        {
            return (null, path is null ? "Java not found (JAVA_HOME not set and no java on PATH)" : $"Java not found at {path} (from JAVA_HOME)");
        }

        (int? ExitCode, RecentLines Output) result;
        try
        {
            result = await ProcessRunner.RunAsync(path, ["-version"], null, VersionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            result = (null, new RecentLines());
        }

        return (result.ExitCode == 0 ? ParseVersion(result.Output.Snapshot()) : null) switch
        {
            { MajorVersion: >= PinnedRelease.MinimumJavaMajorVersion } found => (new JavaRuntime(path, found.Version), string.Empty),
            { } old => (null, $"{path} is Java {old.Version}; DynamoDB Local 3.x needs Java {PinnedRelease.MinimumJavaMajorVersion} or newer"),
            null => (null, $"{path} did not report a version"),
        };
    }

    /// <summary>
    /// Reads the version from <c>java -version</c> output, whose first line looks like
    /// <c>openjdk version "17.0.15" 2025-04-15</c>, or <c>java version "1.8.0_351"</c> before Java 9.
    /// </summary>
    public static (string Version, int MajorVersion)? ParseVersion(IEnumerable<string> lines)
    {
        foreach (var match in lines.Select(line => VersionPattern().Match(line)).Where(match => match.Success))
        {
            var version = match.Groups["version"].Value;
            var parts = version.Split('.', '_', '-', '+');
            var majorText = parts[0] == "1" && parts.Length > 1 ? parts[1] : parts[0];
            if (int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            {
                return (version, major);
            }
        }

        return null;
    }

    [GeneratedRegex("version \"(?<version>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
