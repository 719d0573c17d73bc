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

// What a consumer's own test suite does: a table of its own from the testing package, dropped on dispose.
string tableName;
await using (var table = await TapkoTestTable.CreateAsync(local, "consumer-test"))
{
    tableName = table.Name;
    var key = new ProjectKey(UserId.Parse("consumer"), ProjectId.New());
    await table.CreateProjectStore().CreateAsync(key, "From the package");
    if (await table.CreateProjectStore().GetAsync(key) is null)
    {
        Console.Error.WriteLine($"PackageConsumer: the project written to test table {tableName} was not read back");
        return 1;
    }
}

if ((await local.Client.ListTablesAsync(new ListTablesRequest())).TableNames?.Contains(tableName) == true)
{
    Console.Error.WriteLine($"PackageConsumer: test table {tableName} was not dropped on dispose");
    return 1;
}

Console.WriteLine($"PackageConsumer: submit -> list-by-status -> update-status OK with Tapko.Data {typeof(TapkoTable).Assembly.GetName().Version}; "
    + "a TapkoTestTable was created, used and dropped");
return 0;
