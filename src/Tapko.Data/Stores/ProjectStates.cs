using System.Collections.Concurrent;

namespace Tapko.Data.Stores;

/// <summary>
/// The project items a <see cref="SubmitMode.CachedCheck"/> submission checks, kept for a short lifetime per process.
/// A change made through this process's own stores (a close, a delete) drops the entry at once; one made elsewhere is
/// seen when the entry expires.
/// </summary>
internal sealed class ProjectStates(TimeProvider time, TimeSpan lifetime)
{
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<ProjectKey, (Dictionary<string, AttributeValue> Item, DateTimeOffset Expires)> cache = new();

    public Dictionary<string, AttributeValue>? Get(ProjectKey project) =>
        cache.TryGetValue(project, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Item : null;

    public void Remember(ProjectKey project, Dictionary<string, AttributeValue> item)
    {
        if (cache.Count >= Capacity)
        {
            // A full cache is emptied rather than tracked: each project then costs one read, once.
            cache.Clear();
        }

        cache[project] = (item, time.GetUtcNow() + lifetime);
    }

    public void Forget(ProjectKey project) => cache.TryRemove(project, out _);
}
