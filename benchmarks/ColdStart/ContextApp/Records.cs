using Amazon.DynamoDBv2.DataModel;

namespace ContextApp;

/// <summary>The project item as a DynamoDBContext user maps it (same keys and attributes as Tapko.Data writes).</summary>
[DynamoDBTable("tapko-aot-consumer")]
public sealed class ProjectRecord
{
    [DynamoDBHashKey("PK")]
    public string Pk { get; set; } = "";

    [DynamoDBRangeKey("SK")]
    public string Sk { get; set; } = "";

    [DynamoDBProperty("type")]
    public string Type { get; set; } = "project";

    [DynamoDBProperty("userId")]
    public string UserId { get; set; } = "";

    [DynamoDBProperty("projectId")]
    public string ProjectId { get; set; } = "";

    [DynamoDBProperty("name")]
    public string Name { get; set; } = "";

    [DynamoDBProperty("isCollectingFeedback")]
    public bool IsCollectingFeedback { get; set; }

    [DynamoDBProperty("createdAt")]
    public string CreatedAt { get; set; } = "";
}

/// <summary>The feedback item, with its status-index keys.</summary>
[DynamoDBTable("tapko-aot-consumer")]
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
}
