using Tapko.Data.Testing;

namespace Tapko.Data.TestSupport;

/// <summary>
/// A fresh Tapko table on the shared DynamoDB Local for every test (xunit makes one class instance per test), dropped
/// afterwards: the xunit face of <see cref="TapkoTestTable"/>. Tests in different classes run in parallel, so nothing
/// here is shared between them but the server.
/// </summary>
public abstract class TableTestBase(DynamoDbLocalFixture fixture, string tablePrefix) : IAsyncLifetime
{
    private static int ownerCount;
    private TapkoTestTable? table;

    /// <summary>This test's table.</summary>
    protected TapkoTestTable TestTable => table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    /// <summary>The name of this test's table.</summary>
    protected string Table => TestTable.Name;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() =>
        table = await TapkoTestTable.CreateAsync(fixture.Local, tablePrefix, Ct);

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (table is not null)
        {
            await table.DisposeAsync();
        }
    }

    protected TapkoStoreOptions Options(Action<TapkoStoreOptions>? configure = null) => TestTable.CreateOptions(configure);

    /// <summary>A user id no other test uses.</summary>
    protected static UserId NewOwner(string hint = "user") =>
        UserId.Parse($"{hint}-{Interlocked.Increment(ref ownerCount)}-{Guid.NewGuid():N}");
}
