namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>
/// <see cref="StoreTestBase"/> plus a <see cref="CapacityRecorder"/> on the test's table, for tests that pin what calls
/// cost as DynamoDB Local reports it and the library publishes it.
/// </summary>
public abstract class MeteredStoreTestBase(DynamoDbFixture fixture, string tablePrefix) : StoreTestBase(fixture, tablePrefix)
{
    protected const string Gsi1 = StatusIndex.Name;

    protected CapacityRecorder Recorder { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Recorder = new CapacityRecorder(Table);
    }

    public override async ValueTask DisposeAsync()
    {
        Recorder?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="call"/> and checks the read and write units it published, on the table and on GSI1.</summary>
    protected async Task Expect<T>(Func<Task<T>> call, double read, double write, double indexRead = 0, double indexWrite = 0)
    {
        Recorder.Clear();
        await call();
        var measured = (Recorder.Read(), Recorder.Write(), Recorder.Read(Gsi1), Recorder.Write(Gsi1));
        measured.Should().Be((read, write, indexRead, indexWrite), Recorder.ToString());
    }
}
