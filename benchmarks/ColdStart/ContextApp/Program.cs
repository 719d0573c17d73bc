using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using ContextApp;
using Microsoft.Extensions.Configuration;

// tests/AotConsumer's flow with DynamoDBContext, configured the way its documentation starts (the context describes
// the table on first use): create a project, submit feedback, list it. No ownership or collecting check on the
// submit: DynamoDBContext's save is a plain PutItem. "SUBMITTED" marks the first acknowledged submit.
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json")
    .AddEnvironmentVariables()
    .Build();

var endpoint = configuration["Tapko:ServiceUrl"] ?? throw new InvalidOperationException("Set Tapko__ServiceUrl.");
using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
using var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).Build();

var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
var projectId = Guid.NewGuid().ToString("N");
await context.SaveAsync(new ProjectRecord
{
    Pk = "USER#context-user",
    Sk = $"PROJECT#{projectId}",
    UserId = "context-user",
    ProjectId = projectId,
    Name = "DynamoDBContext",
    IsCollectingFeedback = true,
    CreatedAt = now,
});

var feedbackId = Guid.NewGuid().ToString("N");
await context.SaveAsync(new FeedbackRecord
{
    Pk = $"PROJECT#{projectId}",
    Sk = $"FEEDBACK#{feedbackId}",
    Gsi1Pk = $"PROJECT#{projectId}",
    Gsi1Sk = $"STATUS#open#{now}",
    UserId = "context-user",
    ProjectId = projectId,
    FeedbackId = feedbackId,
    Message = "Submitted through DynamoDBContext.",
    Status = "open",
    CreatedAt = now,
});
Console.WriteLine($"SUBMITTED {feedbackId}");

var listed = await context.QueryAsync<FeedbackRecord>($"PROJECT#{projectId}", QueryOperator.BeginsWith, ["FEEDBACK#"]).GetRemainingAsync();
if (listed.Count != 1 || listed[0].FeedbackId != feedbackId)
{
    Console.Error.WriteLine($"ContextApp: list FAILED ({listed.Count} items)");
    return 1;
}

Console.WriteLine("ContextApp: create + submit + list OK");
return 0;
