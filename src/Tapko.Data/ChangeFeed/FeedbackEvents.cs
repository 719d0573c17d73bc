namespace Tapko.Data.ChangeFeed;

/// <summary>Builds the <see cref="FeedbackEvent"/> a host's handlers receive for a change of a feedback item.</summary>
internal static class FeedbackEvents
{
    /// <summary>The event of <paramref name="change"/>, or <see langword="null"/> when it is none a host is told of.</summary>
    public static FeedbackEvent? Of(FeedbackChange change) =>
        change.EventKind is not { } kind
            ? null
            : new FeedbackEvent(
                change.Record.EventId,
                kind,
                change.Project,
                change.Id,
                change.Record.CreatedAt,
                change.After?.Status,
                change.Before?.Status,
                TryRead(ImageOf(change)));

    /// <summary>The item an event describes: as it is after the change, or as it was when removed.</summary>
    public static Dictionary<string, AttributeValue> ImageOf(FeedbackChange change) => change.Record.NewImage ?? change.Record.OldImage!;

    /// <summary>The feedback of an image, or <see langword="null"/> for one this library cannot read (edited by hand).</summary>
    public static Feedback? TryRead(Dictionary<string, AttributeValue> image)
    {
        try
        {
            return FeedbackItem.FromItem(image);
        }
        catch (Exception e) when (e is UnreadableItemException or FormatException or ArgumentException or KeyNotFoundException)
        {
            return null;
        }
    }
}
