using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.TestSupport;

/// <summary>
/// A fresh Tapko table on the shared DynamoDB Local for every test (xunit makes one class instance per test), dropped
/// afterwards. Tests in different classes run in parallel, so nothing here is shared between them but the server.
/// </summary>
public abstract class TableTestBase(DynamoDbLocalFixture fixture, string tablePrefix) : IAsyncLifetime
{
    private static int ownerCount;

    protected string Table { get; } = fixture.NewTableName(tablePrefix);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() =>
        await TapkoTable.EnsureTableAsync(fixture.Client, Table, cancellationToken: Ct);

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            await fixture.Client.DeleteTableAsync(new DeleteTableRequest { TableName = Table }, CancellationToken.None);
        }
        catch (ResourceNotFoundException)
        {
            // A test may have dropped it on purpose.
        }
    }

    protected TapkoStoreOptions Options(Action<TapkoStoreOptions>? configure = null)
    {
        var options = new TapkoStoreOptions { TableName = Table };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A user id no other test uses.</summary>
    protected static UserId NewOwner(string hint = "user") =>
        UserId.Parse($"{hint}-{Interlocked.Increment(ref ownerCount)}-{Guid.NewGuid():N}");
}
