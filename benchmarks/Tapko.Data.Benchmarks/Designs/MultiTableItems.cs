using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;

namespace Tapko.Data.Benchmarks.Designs;

/// <summary>
/// Item format of the multi-table baselines: plain attributes, no composite key strings. The attribute names are the
/// library's, so size differences come only from the keys each design needs.
/// </summary>
public static class MultiTableItems
{
    public const string ProjectId = "projectId";
    public const string FeedbackId = "feedbackId";
    public const string UserId = "userId";
    public const string Name = "name";
    public const string Collecting = "isCollectingFeedback";
    public const string Version = "version";
    public const string Message = "message";
    public const string Status = "status";
    public const string Payload = "payload";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";

    public static Dictionary<string, AttributeValue> Project(ProjectKey key, string name, bool collecting, DateTimeOffset createdAt) => new(StringComparer.Ordinal)
    {
        [ProjectId] = S(key.ProjectId.Value),
        [UserId] = S(key.Owner.Value),
        [Name] = S(name),
        [Collecting] = new() { BOOL = collecting },
        [CreatedAt] = S(Timestamps.Format(createdAt)),
        [UpdatedAt] = S(Timestamps.Format(createdAt)),
        [Version] = new() { N = "1" },
    };

    /// <summary>The baselines store the user's data and nothing else: their keys are the user's own ids.</summary>
    public static Dictionary<string, AttributeValue> Feedback(GeneratedFeedback item) => Capacity.NeutralItem.Of(item);

    public static Feedback ToFeedback(Dictionary<string, AttributeValue> item)
    {
        var status = FeedbackStatusNames.TryParse(item[Status].S, out var parsed) ? parsed : throw new InvalidOperationException("Unknown status.");
        return new Feedback(
            new ProjectKey(Tapko.Data.UserId.Parse(item[UserId].S), Tapko.Data.ProjectId.Parse(item[ProjectId].S)),
            Tapko.Data.FeedbackId.Parse(item[FeedbackId].S),
            item[Message].S,
            status,
            item.TryGetValue(Payload, out var payload) && payload.M is not null ? PayloadConverter.FromAttributeValue(payload) : null,
            Parse(item[CreatedAt].S),
            Parse(item[UpdatedAt].S));
    }

    public static AttributeValue S(string value) => new() { S = value };

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Timestamps.Layout, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
