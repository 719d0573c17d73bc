using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;
using M = Tapko.Data.Benchmarks.Designs.MultiTableItems;

namespace Tapko.Data.Benchmarks.Capacity;

/// <summary>
/// A feedback as the user's data alone: its ids (feedback, project, owner), message, payload, status and the two
/// timestamps, under the library's attribute names, with no key strings, type tag, write id or other bookkeeping.
/// No design can return a feedback and read fewer bytes than this, so a read's floor computed from it is the same for
/// every design and a design's own key attributes show up as a ratio above 1. The multi-table baselines store exactly
/// this item (their keys are the user's own ids), which is why their item is built here.
/// </summary>
public static class NeutralItem
{
    public static Dictionary<string, AttributeValue> Of(GeneratedFeedback item) => new(StringComparer.Ordinal)
    {
        [M.FeedbackId] = M.S(item.Id.ToString()),
        [M.ProjectId] = M.S(item.Project.ProjectId.Value),
        [M.UserId] = M.S(item.Project.Owner.Value),
        [M.Message] = M.S(item.Message),
        [M.Status] = M.S(item.Status.ToWireName()),
        [M.Payload] = PayloadConverter.ToAttributeValue(item.Payload, "payload"),
        [M.CreatedAt] = M.S(Timestamps.Format(item.CreatedAt)),
        [M.UpdatedAt] = M.S(Timestamps.Format(item.UpdatedAt)),
    };

    public static int Bytes(GeneratedFeedback item) => ItemSize.Of(Of(item));
}
