using System.Collections.Concurrent;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// Applies one project's <see cref="CountsDelta"/> to its claim: one <c>UpdateItem</c> in the usual case. A refused
/// condition is read, never guessed at: the claim gone or of another life means the project was deleted (or its id
/// taken again) and its counts are gone with it, so the delta is dropped; positions at or past the delta's mean it was
/// applied before, wholly or partly, and only what lies beyond them is sent again, on the exact positions read.
/// </summary>
internal sealed class CountsApplier(TapkoContext context)
{
    /// <summary>How often a refused update is resent with what its refusal taught; another projector on the same partitions is the only cause.</summary>
    private const int Attempts = 5;

    /// <summary>Expiry entries of each project that an earlier update left at zero and past: removed by its next update.</summary>
    private readonly ConcurrentDictionary<ProjectId, List<string>> spent = new();

    public async Task ApplyAsync(OperationScope scope, CountsDelta delta, CancellationToken cancellationToken)
    {
        if (delta.Changes.All(c => c.Before == c.After))
        {
            // No change altered what is counted of its item: the positions need not move, since no later delivery of any
            // of these records changes a count either. Changes that merely cancel out (a submission and its delete) are
            // written: a retry from a record between them delivers the second alone, and the positions must refuse it.
            return;
        }

        IReadOnlyDictionary<string, string>? stored = null;
        var initialize = false;
        CountsDelta? rest = delta;
        for (var attempt = 1; rest is not null; attempt++)
        {
            var remove = spent.TryRemove(delta.Project.ProjectId, out var keys) ? keys : [];
            var request = CountsRequests.Apply(context.Table, rest, stored, remove, initialize);
            var outcome = await context.Requests.UpdateItemAsync(scope, request, cancellationToken).ConfigureAwait(false);
            if (outcome.Applied)
            {
                var now = CountsRequests.SpentExpiring(outcome.Response!.Attributes ?? [], context.Time.GetUtcNow());
                if (now.Count > 0)
                {
                    spent[delta.Project.ProjectId] = now;
                }

                return;
            }

            var claim = outcome.Blocking;
            if (claim is null || claim.GetValueOrDefault(A.Incarnation)?.S != delta.Incarnation)
            {
                // The project was deleted, or its id belongs to a later life: nothing of this life is counted any more.
                return;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException(
                    $"The counts of project '{delta.Project.ProjectId}' kept changing under another projector; the batch is retried.");
            }

            initialize = !claim.ContainsKey(A.FeedPositions);
            stored = CountsRequests.Positions(claim);
            rest = initialize ? rest : rest.After(stored);
        }
    }
}
