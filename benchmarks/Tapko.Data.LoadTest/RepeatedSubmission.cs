using System.Collections.Concurrent;

namespace Tapko.Data.LoadTest;

/// <summary>
/// A submission whose caller got no definite answer (<see cref="Outcome.Unknown"/>), repeated after the burst as that
/// caller would: the same id and content, through a client outside the model. The library promises the repeat returns
/// the submission, stored once, whether or not the first call's write was applied.
/// </summary>
/// <param name="Index">Its place in the schedule.</param>
/// <param name="Id">Its caller-chosen id.</param>
/// <param name="StoredBefore">The first call's write was in the table before the repeat: applied although its caller heard an error.</param>
/// <param name="Broken">What the repeat did instead of returning the submission's own id; <see langword="null"/> when it kept the promise.</param>
public sealed record RepeatedSubmission(int Index, FeedbackId Id, bool StoredBefore, string? Broken)
{
    /// <summary>Repeats at once: enough to finish thousands in seconds without overloading DynamoDB Local again.</summary>
    private const int Parallelism = 8;

    /// <summary>Repeats every submission of <paramref name="unknown"/>, each built by <paramref name="submission"/> as the first call was.</summary>
    public static async Task<IReadOnlyList<RepeatedSubmission>> RepeatAllAsync(
        FeedbackStore store,
        ProjectKey project,
        IEnumerable<SubmissionResult> unknown,
        Func<SubmissionResult, NewFeedback> submission,
        CancellationToken cancellationToken)
    {
        var repeats = new ConcurrentBag<RepeatedSubmission>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(unknown, parallel, async (first, token) =>
        {
            var storedBefore = await store.GetAsync(project, first.Id, token) is not null;
            string? broken;
            try
            {
                var receipt = await store.SubmitFromWidgetAsync(project.ProjectId, submission(first), token);
                broken = receipt.Id == first.Id ? null : $"returned another id, {receipt.Id}";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                broken = $"{e.GetType().Name}: {e.Message}";
            }

            repeats.Add(new RepeatedSubmission(first.Index, first.Id, storedBefore, broken));
        });

        return [.. repeats.OrderBy(r => r.Index)];
    }
}
