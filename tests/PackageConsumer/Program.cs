using Amazon.DynamoDBv2.Model;
using Tapko.Data;
using Tapko.Data.Testing;

// Consumes the packed packages the way a service would, then checks the round trip really happened.
await using var local = await DynamoDbLocal.StartAsync();
var updated = await QuickStart.RunAsync(local.Client, args);

var stored = await local.Client.ScanAsync(new ScanRequest { TableName = "tapko-consumer" });
var feedbackItems = (stored.Items ?? []).Count(i => i["SK"].S.StartsWith("FEEDBACK#", StringComparison.Ordinal));
if (updated.Status != FeedbackStatus.InProgress || feedbackItems != 1)
{
    Console.Error.WriteLine($"PackageConsumer: round trip FAILED (status {updated.Status}, {feedbackItems} feedback items)");
    return 1;
}

Console.WriteLine($"PackageConsumer: submit -> list-by-status -> update-status OK with Tapko.Data {typeof(TapkoKeys).Assembly.GetName().Version}");
return 0;
