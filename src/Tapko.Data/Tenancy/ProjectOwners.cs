using System.Collections.Concurrent;

namespace Tapko.Data.Tenancy;

/// <summary>
/// Resolves which owner holds a project id, from its claim item, with a small in-process cache.
/// </summary>
/// <remarks>
/// <para>
/// Every feedback call asks this first, so another owner's project costs and answers exactly like a missing one: one
/// strongly consistent GetItem of a claim that either is absent or names someone else, and nothing of the real owner's
/// items is read, counted or timed.
/// </para>
/// <para>
/// A claim never changes while its project lives, so a cached claim is a safe hint, but only ever trusted to say "yes,
/// yours": a cached claim naming someone else is read again, because the id may have been deleted and taken by the
/// caller since. A claim that went stale the other way (the project was deleted or re-created elsewhere) is caught by
/// the request itself, which checks the owner and incarnation in its condition or filter; the store then calls
/// <see cref="RefreshAsync"/> and tries once more.
/// </para>
/// </remarks>
internal sealed class ProjectOwners
{
    private readonly ConcurrentDictionary<ProjectId, Entry> cache = new();
    private readonly RequestSender requests;
    private readonly string table;
    private readonly TimeProvider time;
    private readonly int capacity;
    private readonly TimeSpan lifetime;

    public ProjectOwners(RequestSender requests, string table, TimeProvider time, int capacity, TimeSpan lifetime)
    {
        this.requests = requests;
        this.table = table;
        this.time = time;
        this.capacity = capacity;
        this.lifetime = lifetime;
    }

    /// <summary>The claim of <paramref name="project"/> if its owner holds it, else <see langword="null"/>.</summary>
    public async ValueTask<Resolved?> OfOwnerAsync(ProjectKey project, OperationScope scope, CancellationToken cancellationToken)
    {
        if (Cached(project.ProjectId) is { } cached && cached.Owner == project.Owner)
        {
            return new Resolved(cached, FromCache: true);
        }

        var claim = await ReadAsync(project.ProjectId, scope, cancellationToken).ConfigureAwait(false);
        return claim is not null && claim.Owner == project.Owner ? new Resolved(claim, FromCache: false) : null;
    }

    /// <summary>The claim of <paramref name="projectId"/>, whoever holds it, or <see langword="null"/> when nobody does.</summary>
    public async ValueTask<Resolved?> OfProjectAsync(ProjectId projectId, OperationScope scope, CancellationToken cancellationToken)
    {
        if (Cached(projectId) is { } cached)
        {
            return new Resolved(cached, FromCache: true);
        }

        return await ReadAsync(projectId, scope, cancellationToken).ConfigureAwait(false) is { } claim ? new Resolved(claim, FromCache: false) : null;
    }

    /// <summary>Drops the cached claim and reads it again.</summary>
    public async ValueTask<ProjectClaim?> RefreshAsync(ProjectId projectId, OperationScope scope, CancellationToken cancellationToken)
    {
        Forget(projectId);
        return await ReadAsync(projectId, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="body"/> against the claim on <paramref name="projectId"/>: the caller's own when
    /// <paramref name="owner"/> is given, whoever's otherwise. Without one it returns <paramref name="missing"/>, exactly
    /// as for an id nobody holds. When the body finds the claim stale (<see cref="StaleClaim"/>), a cached claim is read
    /// again and the body runs once more; a claim just read that proved stale changed under the call (a delete racing
    /// it), so <paramref name="missing"/> is a true answer.
    /// </summary>
    /// <param name="scope">The store call.</param>
    /// <param name="projectId">The project id.</param>
    /// <param name="owner">The caller, or <see langword="null"/> for an anonymous caller that knows only the id.</param>
    /// <param name="body">The call's request(s), given the claim and whether it was just read (and so cannot be stale).</param>
    /// <param name="missing">The answer for a project that does not exist; may throw.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<T> WithClaimAsync<T>(
        OperationScope scope,
        ProjectId projectId,
        UserId? owner,
        Func<ProjectClaim, bool, Task<ClaimOutcome<T>>> body,
        Func<T> missing,
        CancellationToken cancellationToken)
    {
        var resolved = owner is { } caller
            ? await OfOwnerAsync(new ProjectKey(caller, projectId), scope, cancellationToken).ConfigureAwait(false)
            : await OfProjectAsync(projectId, scope, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
        {
            return missing();
        }

        var outcome = await body(resolved.Claim, !resolved.FromCache).ConfigureAwait(false);
        if (!outcome.IsStale)
        {
            return outcome.Value;
        }

        if (!resolved.FromCache)
        {
            return missing();
        }

        var fresh = await RefreshAsync(projectId, scope, cancellationToken).ConfigureAwait(false);
        if (fresh is null || (owner is { } expected && fresh.Owner != expected))
        {
            return missing();
        }

        outcome = await body(fresh, true).ConfigureAwait(false);
        return outcome.IsStale ? missing() : outcome.Value;
    }

    /// <summary>Runs <paramref name="body"/> against the caller's own claim on <paramref name="project"/> (see the overload by id).</summary>
    public Task<T> WithClaimAsync<T>(OperationScope scope, ProjectKey project, Func<ProjectClaim, bool, Task<ClaimOutcome<T>>> body,
        Func<T> missing, CancellationToken cancellationToken) =>
        WithClaimAsync(scope, project.ProjectId, project.Owner, body, missing, cancellationToken);

    public void Remember(ProjectId projectId, ProjectClaim claim)
    {
        if (capacity == 0)
        {
            return;
        }

        if (cache.Count >= capacity)
        {
            MakeRoom();
        }

        var now = time.GetUtcNow();
        cache[projectId] = new Entry(claim, DateTimeOffset.MaxValue - now > lifetime ? now + lifetime : DateTimeOffset.MaxValue);
    }

    public void Forget(ProjectId projectId) => cache.TryRemove(projectId, out _);

    private ProjectClaim? Cached(ProjectId projectId)
    {
        if (!cache.TryGetValue(projectId, out var entry))
        {
            return null;
        }

        if (entry.Expires > time.GetUtcNow())
        {
            return entry.Claim;
        }

        cache.TryRemove(new KeyValuePair<ProjectId, Entry>(projectId, entry));
        return null;
    }

    private async ValueTask<ProjectClaim?> ReadAsync(ProjectId projectId, OperationScope scope, CancellationToken cancellationToken)
    {
        // Strongly consistent: a project created a moment ago by another process must be found, and an id whose
        // project was just deleted must not be. The claim is small, so this is one read unit either way.
        var response = await requests.GetItemAsync(
            scope,
            new GetItemRequest
            {
                TableName = table,
                Key = PrimaryIndex.Key(TapkoKeys.ProjectClaim(projectId)),
                ConsistentRead = true,
                ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES,
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            Forget(projectId);
            return null;
        }

        var claim = ProjectClaim.FromItem(item);
        Remember(projectId, claim);
        return claim;
    }

    private void MakeRoom()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in cache)
        {
            if (entry.Expires <= now)
            {
                cache.TryRemove(id, out _);
            }
        }

        // Still full of live entries: drop an arbitrary tenth. A dropped claim costs one read when next needed.
        foreach (var id in cache.Keys.Take(Math.Max(1, capacity / 10)).ToList())
        {
            if (cache.Count < capacity)
            {
                break;
            }

            cache.TryRemove(id, out _);
        }
    }

    /// <summary>A claim, and whether it came from the cache (and so may be stale) or was just read.</summary>
    public sealed record Resolved(ProjectClaim Claim, bool FromCache);

    private sealed record Entry(ProjectClaim Claim, DateTimeOffset Expires);
}
