using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tapko.Data;

public static class QuickStart
{
    public static async Task<Feedback> RunAsync(IAmazonDynamoDB dynamoDb, string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);   // reads the "Tapko" section of appsettings.json
        builder.Services.AddSingleton(dynamoDb);              // or AddAWSService<IAmazonDynamoDB>()
        builder.Services.AddTapkoStore(builder.Configuration.GetSection(TapkoStoreOptions.SectionName));
        using var host = builder.Build();

        var table = host.Services.GetRequiredService<IOptions<TapkoStoreOptions>>().Value.TableName;
        await TapkoTable.EnsureTableAsync(dynamoDb, table);
        var projects = host.Services.GetRequiredService<IProjectStore>();
        var feedback = host.Services.GetRequiredService<IFeedbackStore>();

        var project = new ProjectKey(UserId.Parse("user-1"), ProjectId.New());
        await projects.CreateAsync(project, "My website");
        await feedback.SubmitAsync(project, new NewFeedback("The export button is hidden on mobile."));

        var open = await feedback.ListByStatusAsync(project, FeedbackStatus.Open);
        return await feedback.UpdateStatusAsync(
            project, open.Items[0].Id, FeedbackStatus.InProgress, expectedStatus: FeedbackStatus.Open);
    }
}
