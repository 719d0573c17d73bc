using System.Globalization;
using System.Text.RegularExpressions;

namespace Tapko.Data.Testing;

/// <summary>A <c>java</c> executable and the version it reports.</summary>
internal sealed partial record JavaRuntime(string Path, string Version, int MajorVersion)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    public bool IsSupported => MajorVersion >= PinnedRelease.MinimumJavaMajorVersion;

    /// <summary>
    /// Finds a Java 17+ runtime, trying JAVA_HOME before PATH as build tools do. When none qualifies,
    /// the reason says what was found instead, for the log and the final error.
    /// </summary>
    public static async Task<(JavaRuntime? Runtime, string Reason)> FindAsync(CancellationToken cancellationToken)
    {
        var candidates = Candidates().Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return (null, "Java not found (JAVA_HOME not set and no java on PATH)");
        }

        var rejected = new List<string>();
        foreach (var candidate in candidates)
        {
            var runtime = await InspectAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (runtime is null)
            {
                rejected.Add($"{candidate} did not report a version");
            }
            else if (!runtime.IsSupported)
            {
                rejected.Add($"{candidate} is Java {runtime.Version}");
            }
            else
            {
                return (runtime, string.Empty);
            }
        }

        return (null,
            $"no Java {PinnedRelease.MinimumJavaMajorVersion}+ found ({string.Join("; ", rejected)}); DynamoDB Local 3.x needs Java {PinnedRelease.MinimumJavaMajorVersion} or newer");
    }

    /// <summary>
    /// Reads the version from <c>java -version</c> output, whose first line looks like
    /// <c>openjdk version "17.0.15" 2025-04-15</c>, or <c>java version "1.8.0_351"</c> before Java 9.
    /// </summary>
    public static (string Version, int MajorVersion)? ParseVersion(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var match = VersionPattern().Match(line);
            if (!match.Success)
            {
                continue;
            }

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

    private static async Task<JavaRuntime?> InspectAsync(string path, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(path, ["-version"], null, VersionTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Present but not executable: treat like absent.
            return null;
        }

        var parsed = result.ExitCode == 0 ? ParseVersion(result.Output.Snapshot()) : null;
        return parsed is { } version ? new JavaRuntime(path, version.Version, version.MajorVersion) : null;
    }

    private static IEnumerable<string> Candidates()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrWhiteSpace(javaHome))
        {
            var fromHome = System.IO.Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (File.Exists(fromHome))
            {
                yield return fromHome;
            }
        }

        if (PathLookup.Find("java") is { } fromPath)
        {
            yield return fromPath;
        }
    }

    [GeneratedRegex("version \"(?<version>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
