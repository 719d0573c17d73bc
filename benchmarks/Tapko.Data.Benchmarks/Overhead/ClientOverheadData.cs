using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Tapko.Data.Benchmarks.Data;
using Tapko.Data.Benchmarks.Stub;

namespace Tapko.Data.Benchmarks.Overhead;

/// <summary>
/// The canned responses of the client-overhead suite: real items of the benchmark dataset (a median-sized feedback, a
/// full page of 50), serialised as DynamoDB would send them.
/// </summary>
public static class ClientOverheadData
{
    public const string Table = "overhead";
    public const int PageSize = 50;

    public static readonly GeneratedProject Project = DatasetGenerator.Projects()[0];

    public static readonly GeneratedFeedback[] Page = [.. Enumerable.Range(0, PageSize).Select(r => DatasetGenerator.Item(Project, r))];

    /// <summary>The page's median-sized item: the one read, submitted and updated.</summary>
    public static readonly GeneratedFeedback Item = Page.OrderBy(i => Encoding(i).Length).ElementAt(PageSize / 2);

    public static Dictionary<string, AttributeValue> StoredItem(GeneratedFeedback item) =>
        FeedbackItem.ToItem(item.ToFeedback(), PayloadConverter.ToAttributeValue(item.Payload, "payload"), Incarnation, ShardLayout.One);

    /// <summary>
    /// The incarnation of every canned item. The store's first call reads the project's claim with a GetItem and is
    /// answered with a feedback item, which carries the same owner and incarnation as a claim would; after it the
    /// owner is cached, as in a long-running service.
    /// </summary>
    private static readonly string Incarnation = Designs.TapkoDesign.Incarnation(Project.Key);

    public static Dictionary<string, byte[]> Bodies(bool projectOnGet = false)
    {
        var item = StoredItem(Item);
        var updated = StoredItem(Item.WithStatus(FeedbackStatus.InProgress, DateTimeOffset.UtcNow));
        var page = Page.Select(StoredItem).ToList();
        var lastKey = new Dictionary<string, AttributeValue> { ["PK"] = page[^1]["PK"], ["SK"] = page[^1]["SK"] };
        var project = ProjectItem.ToItem(new Project(Project.Key, Project.Name, true, Project.CreatedAt, Project.CreatedAt, 1), Incarnation);
        return new()
        {
            ["GetItem"] = DynamoJson.GetItem(projectOnGet ? project : item, Table),
            ["Query"] = DynamoJson.Query(page, lastKey, Table),
            ["UpdateItem"] = DynamoJson.Attributes(updated, Table),
            ["PutItem"] = DynamoJson.Written(Table),
            ["TransactWriteItems"] = DynamoJson.TransactWritten(Table),
        };
    }

    private static string Encoding(GeneratedFeedback item) => item.Message + JsonSerializer.Serialize(item.Payload);
}
