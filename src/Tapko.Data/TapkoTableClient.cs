namespace Tapko.Data;

/// <summary>
/// The DynamoDB client and table of one <c>AddTapkoStore</c> registration: the host's <see cref="IAmazonDynamoDB"/>
/// when it registered one, otherwise the client the library built from <see cref="TapkoStoreOptions.Region"/>,
/// <see cref="TapkoStoreOptions.ServiceUrl"/> and <see cref="TapkoStoreOptions.MaxErrorRetry"/>. Resolve it to create
/// or check the table with exactly the client the stores use, without registering a second global
/// <see cref="IAmazonDynamoDB"/> that would shadow the host's own.
/// </summary>
/// <example>
/// In development, create the table at start-up (production creates it from infrastructure code, docs/table.md):
/// <code>
/// await app.Services.GetRequiredService&lt;TapkoTableClient&gt;().EnsureTableAsync();
/// </code>
/// </example>
public sealed class TapkoTableClient
{
    internal TapkoTableClient(IAmazonDynamoDB dynamoDb, string tableName, StatusIndexProjection projection)
    {
        DynamoDb = dynamoDb;
        TableName = tableName;
        Projection = projection;
    }

    /// <summary>The client the stores send their requests with. Owned by the registration: do not dispose it.</summary>
    public IAmazonDynamoDB DynamoDb { get; }

    /// <summary>The table the stores use (<see cref="TapkoStoreOptions.TableName"/>).</summary>
    public string TableName { get; }

    /// <summary>What the stores expect the status index to carry (<see cref="TapkoStoreOptions.StatusIndexProjection"/>).</summary>
    public StatusIndexProjection Projection { get; }

    /// <summary>
    /// Creates the table from <see cref="TapkoTable.BuildCreateTableRequest"/> if it does not exist, and waits until it is
    /// <c>ACTIVE</c> (see <see cref="TapkoTable.EnsureTableAsync"/>). Meant for development and tests.
    /// </summary>
    /// <param name="capacity">Provisioned throughput for a new table; <see langword="null"/> for on-demand.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when this call created the table.</returns>
    /// <exception cref="InvalidOperationException">The table exists with another schema.</exception>
    public Task<bool> EnsureTableAsync(TapkoTableCapacity? capacity = null, CancellationToken cancellationToken = default) =>
        TapkoTable.EnsureTableAsync(DynamoDb, TableName, capacity, Projection, cancellationToken);

    /// <summary>Checks the table against the definition with one <c>DescribeTable</c> (see <see cref="TapkoTable.VerifyAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One sentence per problem found; empty when the stores can use the table.</returns>
    public Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken = default) =>
        TapkoTable.VerifyAsync(DynamoDb, TableName, Projection, cancellationToken);
}
