using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapko.Data.ChangeFeed;

/// <summary>
/// A dead letter as stored: <c>TAPKO</c> / <c>FEED#DEAD#&lt;failed at&gt;#&lt;event id&gt;#&lt;handler hash&gt;</c>, ordered by
/// failure time, with the event's fields and the feedback item's image, so the event can be rebuilt exactly and handed to
/// its handler again. The handler is part of the key: two handlers failing on one event in the same millisecond (with
/// one attempt each, or on a clock that stands still) keep a letter each rather than the second overwriting the first.
/// </summary>
internal static class DeadLetterItem
{
    public const string NamePrefix = "DEAD#";

    private const string EventIdAttribute = "eventId";
    private const string KindAttribute = "kind";
    private const string OccurredAttribute = "occurredAt";
    private const string StatusAttribute = "eventStatus";
    private const string PreviousAttribute = "previousStatus";
    private const string ImageAttribute = "image";
    private const string HandlerAttribute = "handler";
    private const string ErrorAttribute = "error";
    private const string FailedAttribute = "failedAt";
    private const string AttemptsAttribute = "attempts";

    /// <summary>Errors are kept short: a message may be long, and the item must stay small.</summary>
    private const int MaxErrorLength = 1_000;

    public static Dictionary<string, AttributeValue> ToItem(FeedbackEvent e, Dictionary<string, AttributeValue> image, string handler,
        Exception error, DateTimeOffset failedAt, int attempts)
    {
        var key = TapkoKeys.Feed(NamePrefix + failedAt.UtcDateTime.ToString("yyyyMMddHHmmssfff",
            CultureInfo.InvariantCulture) + "#" + e.Id + "#" + HandlerKey(handler));
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PrimaryIndex.PartitionKey] = new() { S = key.PartitionKey },
            [PrimaryIndex.SortKey] = new() { S = key.SortKey },
            [A.EntityType] = new() { S = EntityTypes.FeedDeadLetter },
            [EventIdAttribute] = new() { S = e.Id },
            [KindAttribute] = new() { S = e.Kind.ToString() },
            [OccurredAttribute] = new() { S = Timestamps.Format(e.OccurredAt) },
            [ImageAttribute] = new() { M = image },
            [HandlerAttribute] = new() { S = handler },
            [FailedAttribute] = new() { S = Timestamps.Format(failedAt) },
            [AttemptsAttribute] = new() { N = attempts.ToString(CultureInfo.InvariantCulture) },
        };
        SetError(item, error);
        if (e.Status is { } status)
        {
            item[StatusAttribute] = new() { S = status.ToWireName() };
        }

        if (e.PreviousStatus is { } previous)
        {
            item[PreviousAttribute] = new() { S = previous.ToWireName() };
        }

        return item;
    }

    public static void SetError(Dictionary<string, AttributeValue> item, Exception error)
    {
        var text = $"{error.GetType().FullName}: {error.Message}";
        item[ErrorAttribute] = new() { S = text.Length > MaxErrorLength ? text[..MaxErrorLength] : text };
    }

    public static FeedbackEventDeadLetter FromItem(Dictionary<string, AttributeValue> item)
    {
        var image = item[ImageAttribute].M;
        var feedback = FeedbackEvents.TryRead(image);
        var e = new FeedbackEvent(
            item[EventIdAttribute].S,
            Enum.Parse<FeedbackEventKind>(item[KindAttribute].S),
            new ProjectKey(UserId.Parse(image[A.UserId].S), ProjectId.Parse(image[A.ProjectId].S)),
            FeedbackId.Parse(image[A.FeedbackId].S),
            Timestamps.Parse(item[OccurredAttribute].S),
            Status(item, StatusAttribute),
            Status(item, PreviousAttribute),
            feedback);
        return new FeedbackEventDeadLetter(
            item[PrimaryIndex.SortKey].S["FEED#".Length..],
            e,
            item[HandlerAttribute].S,
            item.GetValueOrDefault(ErrorAttribute)?.S ?? string.Empty,
            Timestamps.Parse(item[FailedAttribute].S),
            (int)(DynamoJson.Long(item.GetValueOrDefault(AttemptsAttribute)) ?? 1));
    }

    public static Dictionary<string, AttributeValue> Image(Dictionary<string, AttributeValue> item) => item[ImageAttribute].M;

    public static int Attempts(Dictionary<string, AttributeValue> item) => (int)(DynamoJson.Long(item.GetValueOrDefault(AttemptsAttribute)) ?? 1);

    public static void SetAttempts(Dictionary<string, AttributeValue> item, int attempts, DateTimeOffset failedAt)
    {
        item[AttemptsAttribute] = new() { N = attempts.ToString(CultureInfo.InvariantCulture) };
        item[FailedAttribute] = new() { S = Timestamps.Format(failedAt) };
    }

    /// <summary>A short stable key part naming the handler: 8 hex digits of the SHA-256 of its name (a type name may be long).</summary>
    private static string HandlerKey(string handler) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(handler)), 0, 4);

    private static FeedbackStatus? Status(Dictionary<string, AttributeValue> item, string name) =>
        FeedbackStatusNames.TryParse(item.GetValueOrDefault(name)?.S, out var status) ? status : null;
}
