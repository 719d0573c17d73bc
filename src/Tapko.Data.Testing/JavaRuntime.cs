using System.Globalization;
using System.Text.RegularExpressions;

namespace Tapko.Data.Testing;

/// <summary>A <c>java</c> executable and the version it reports.</summary>
internal sealed partial record JavaRuntime(string Path, string Version)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Finds a Java 17+ runtime, trying JAVA_HOME before PATH as build tools do. When none qualifies, the reason says
    /// what was found instead, for the log and the final error.
    /// </summary>
    public static async Task<(JavaRuntime? Runtime, string Reason)> FindAsync(CancellationToken cancellationToken)
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        var fromHome = string.IsNullOrWhiteSpace(javaHome)
            ? null
            : System.IO.Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
        var candidates = new[] { fromHome, ProcessRunner.FindOnPath("java") }.OfType<string>().Where(File.Exists).Distinct().ToList();
        if (candidates.Count == 0)
        {
            return (null, "Java not found (JAVA_HOME not set and no java on PATH)");
        }

        var rejected = new List<string>();
        foreach (var path in candidates)
        {
            var version = await InspectAsync(path, cancellationToken).ConfigureAwait(false);
            if (version is { MajorVersion: >= PinnedRelease.MinimumJavaMajorVersion })
            {
                return (new JavaRuntime(path, version.Value.Version), string.Empty);
            }

            rejected.Add(version is null ? $"{path} did not report a version" : $"{path} is Java {version.Value.Version}");
        }

        return (null,
            $"no Java {PinnedRelease.MinimumJavaMajorVersion}+ found ({string.Join("; ", rejected)})"
            + $"; DynamoDB Local 3.x needs Java {PinnedRelease.MinimumJavaMajorVersion} or newer");
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

    private static async Task<(string Version, int MajorVersion)?> InspectAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(path, ["-version"], null, VersionTimeout, cancellationToken)
                .ConfigureAwait(false);
            return exitCode == 0 ? ParseVersion(output.Snapshot()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Present but not executable: treat like absent.
            return null;
        }
    }

    [GeneratedRegex("version \"(?<version>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
