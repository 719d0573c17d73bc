using System.Text.RegularExpressions;

namespace Tapko.Data.Testing;

/// <summary>An unpacked DynamoDB Local: the jar, the folder of native libraries next to it, and its release version.</summary>
internal sealed partial record DynamoDbLocalPackage(string JarPath, string LibraryDirectory, string Version)
{
    public string JarDirectory => Path.GetDirectoryName(JarPath)!;

    /// <summary>
    /// Finds the jar inside an unpacked npm package. The package keeps it under <c>lib/dynamodb_local_&lt;release date&gt;</c>;
    /// the folder is discovered so a re-pinned package with a new date needs no code change.
    /// </summary>
    public static DynamoDbLocalPackage? Locate(string unpackedDirectory)
    {
        var lib = Path.Combine(unpackedDirectory, "package", "lib");
        if (!Directory.Exists(lib))
        {
            return null;
        }

        var release = Directory.GetDirectories(lib, "dynamodb_local_*")
            .Where(directory => File.Exists(Path.Combine(directory, "DynamoDBLocal.jar")))
            .OrderBy(directory => directory, StringComparer.Ordinal)
            .LastOrDefault();
        if (release is null)
        {
            return null;
        }

        return new DynamoDbLocalPackage(
            Path.Combine(release, "DynamoDBLocal.jar"),
            Path.Combine(release, "DynamoDBLocal_lib"),
            ReadVersion(release));
    }

    /// <summary>The newest release in README.txt's notes ("2026-05-28 (3.3.1)"), else the folder's date.</summary>
    private static string ReadVersion(string releaseDirectory)
    {
        var readme = Path.Combine(releaseDirectory, "README.txt");
        if (File.Exists(readme))
        {
            var match = ReleaseNote().Match(File.ReadAllText(readme));
            if (match.Success)
            {
                return match.Groups["version"].Value;
            }
        }

        return Path.GetFileName(releaseDirectory)["dynamodb_local_".Length..];
    }

    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}\s*\((?<version>\d+\.\d+\.\d+)\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseNote();
}
