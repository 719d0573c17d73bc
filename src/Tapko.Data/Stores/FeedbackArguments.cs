namespace Tapko.Data.Stores;

/// <summary>The argument checks the feedback store runs before any request, each naming the argument and the rule.</summary>
internal static class FeedbackArguments
{
    public static List<FeedbackId> MoveIds(IReadOnlyCollection<FeedbackId>? feedbackIds)
    {
        ArgumentNullException.ThrowIfNull(feedbackIds);
        if (feedbackIds.Count is 0 or > IFeedbackStore.MaxMoveMany)
        {
            throw new ArgumentException($"A bulk move takes 1 to {IFeedbackStore.MaxMoveMany} feedback ids (was {feedbackIds.Count}).", nameof(feedbackIds));
        }

        var ids = feedbackIds.ToList();
        foreach (var id in ids)
        {
            id.Require(nameof(feedbackIds));
        }

        return ids.Distinct().Count() == ids.Count ? ids : throw new ArgumentException("A bulk move names each feedback id once.", nameof(feedbackIds));
    }

    public static void Statuses(FeedbackStatus newStatus, FeedbackStatus? expectedStatus)
    {
        FeedbackStatusNames.Require(newStatus, nameof(newStatus));
        if (expectedStatus is { } expected)
        {
            FeedbackStatusNames.Require(expected, nameof(expectedStatus));
        }
    }

    public static ProjectKey Checked(ProjectKey project, FeedbackId feedbackId)
    {
        project.Require(nameof(project));
        feedbackId.Require(nameof(feedbackId));
        return project;
    }
}
