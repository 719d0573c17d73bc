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

    /// <summary>
    /// Whether the test's table has the change feed's stream, as the library's definition does. Write-heavy suites that
    /// neither read streamed counts nor handle events turn it off: DynamoDB Local writes about twice as slowly with it.
    /// </summary>
    protected virtual bool ChangeFeed => true;

    public virtual async ValueTask InitializeAsync() =>
        table = ChangeFeed
            ? await TapkoTestTable.CreateAsync(fixture.Local, tablePrefix, Ct)
            : await TapkoTestTable.CreateWithoutStreamAsync(fixture.Local, tablePrefix, Ct);

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (table is not null)
        {
            await table.DisposeAsync();
        }
    }

    protected TapkoStoreOptions Options(Action<TapkoStoreOptions>? configure = null) =>
        TestTable.CreateOptions(o =>
        {
            ConfigureDefaults(o);
            configure?.Invoke(o);
        });

    /// <summary>Options every store of the test class starts from, before a test's own adjustments; the library's defaults unless overridden.</summary>
    protected virtual void ConfigureDefaults(TapkoStoreOptions options)
    {
    }

    /// <summary>A user id no other test uses.</summary>
    protected static UserId NewOwner(string hint = "user") =>
        UserId.Parse($"{hint}-{Interlocked.Increment(ref ownerCount)}-{Guid.NewGuid():N}");
}
