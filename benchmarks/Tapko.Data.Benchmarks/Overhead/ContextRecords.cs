using System.Text.Json;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;

namespace Tapko.Data.Benchmarks.Overhead;

/// <summary>The feedback item mapped for the SDK's object persistence model, as a <c>DynamoDBContext</c> user would declare it.</summary>
[DynamoDBTable(ClientOverheadData.Table)]
public sealed class FeedbackRecord
{
    [DynamoDBHashKey("PK")]
    public string Pk { get; set; } = "";

    [DynamoDBRangeKey("SK")]
    public string Sk { get; set; } = "";

    [DynamoDBGlobalSecondaryIndexHashKey("GSI1", AttributeName = "GSI1PK")]
    public string Gsi1Pk { get; set; } = "";

    [DynamoDBGlobalSecondaryIndexRangeKey("GSI1", AttributeName = "GSI1SK")]
    public string Gsi1Sk { get; set; } = "";

    [DynamoDBProperty("type")]
    public string Type { get; set; } = "feedback";

    [DynamoDBProperty("userId")]
    public string UserId { get; set; } = "";

    [DynamoDBProperty("projectId")]
    public string ProjectId { get; set; } = "";

    [DynamoDBProperty("feedbackId")]
    public string FeedbackId { get; set; } = "";

    [DynamoDBProperty("message")]
    public string Message { get; set; } = "";

    [DynamoDBProperty("status")]
    public string Status { get; set; } = "";

    [DynamoDBProperty("createdAt")]
    public string CreatedAt { get; set; } = "";

    [DynamoDBProperty("updatedAt")]
    public string UpdatedAt { get; set; } = "";

    [DynamoDBProperty("payload", typeof(JsonPayloadConverter))]
    public JsonElement? Payload { get; set; }
}

/// <summary>The project item for the same model.</summary>
[DynamoDBTable(ClientOverheadData.Table)]
public sealed class ProjectRecord
{
    [DynamoDBHashKey("PK")]
    public string Pk { get; set; } = "";

    [DynamoDBRangeKey("SK")]
    public string Sk { get; set; } = "";

    [DynamoDBProperty("userId")]
    public string UserId { get; set; } = "";

    [DynamoDBProperty("isCollectingFeedback")]
    public bool IsCollectingFeedback { get; set; }

    [DynamoDBProperty("deletingSince")]
    public string? DeletingSince { get; set; }
}

/// <summary>Stores a JSON payload as a DynamoDB map, the way the library does, through the document model.</summary>
public sealed class JsonPayloadConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) => Document.FromJson(((JsonElement)value).GetRawText());

    public object FromEntry(DynamoDBEntry entry)
    {
        using var document = JsonDocument.Parse(entry.AsDocument().ToJson());
        return document.RootElement.Clone();
    }
}
