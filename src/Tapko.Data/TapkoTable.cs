namespace Tapko.Data;

/// <summary>The table definition: what platform engineers create, and an idempotent way to create it.</summary>
public static class TapkoTable
{
    /// <summary>The table's time-to-live attribute (epoch seconds): expired feedback and finished bookkeeping.</summary>
    public const string TimeToLiveAttribute = AttributeNames.Ttl;

    /// <summary>
    /// Builds the <see cref="CreateTableRequest"/> for the single table: string <c>PK</c>/<c>SK</c>, the sparse status
    /// index <c>GSI1</c> (<c>GSI1PK</c>/<c>GSI1SK</c>) projecting what <paramref name="projection"/> says (the row attributes by default), and a
    /// stream of new and old images
    /// (the change feed that keeps the status counts and delivers feedback events). Time to live on
    /// <see cref="TimeToLiveAttribute"/> cannot be part of a create request: <see cref="EnsureTableAsync"/> turns it on
    /// after creating, and infrastructure code declares it with the table (docs/table.md).
    /// </summary>
    /// <param name="tableName">The table's name.</param>
    /// <param name="capacity">Provisioned throughput; <see langword="null"/> (the default) for on-demand.</param>
    /// <param name="projection">What the status index carries; <see cref="StatusIndexProjection.Rows"/> by default.</param>
    public static CreateTableRequest BuildCreateTableRequest(string tableName, TapkoTableCapacity? capacity = null,
        StatusIndexProjection projection = StatusIndexProjection.Rows)
    {
        ValidateTableName(tableName, nameof(tableName));

        var index = new GlobalSecondaryIndex
        {
            IndexName = StatusIndex.Name,
            KeySchema =
            [
                new KeySchemaElement(StatusIndex.PartitionKey, KeyType.HASH),
                new KeySchemaElement(StatusIndex.SortKey, KeyType.RANGE),
            ],
            Projection = StatusIndex.ProjectionOf(projection),
        };

        var request = new CreateTableRequest
        {
            TableName = tableName,
            AttributeDefinitions =
            [
                new AttributeDefinition(PrimaryIndex.PartitionKey, ScalarAttributeType.S),
                new AttributeDefinition(PrimaryIndex.SortKey, ScalarAttributeType.S),
                new AttributeDefinition(StatusIndex.PartitionKey, ScalarAttributeType.S),
                new AttributeDefinition(StatusIndex.SortKey, ScalarAttributeType.S),
            ],
            KeySchema =
            [
                new KeySchemaElement(PrimaryIndex.PartitionKey, KeyType.HASH),
                new KeySchemaElement(PrimaryIndex.SortKey, KeyType.RANGE),
            ],
            GlobalSecondaryIndexes = [index],
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
        };

        if (capacity is null)
        {
            request.BillingMode = BillingMode.PAY_PER_REQUEST;
        }
        else
        {
            request.BillingMode = BillingMode.PROVISIONED;
            request.ProvisionedThroughput = new ProvisionedThroughput(capacity.ReadCapacityUnits, capacity.WriteCapacityUnits);
            index.ProvisionedThroughput = new ProvisionedThroughput(capacity.StatusIndexReadCapacityUnits, capacity.StatusIndexWriteCapacityUnits);
        }

        return request;
    }

    /// <summary>
    /// Creates the table if it does not exist and waits until it and its index are <c>ACTIVE</c>, with its stream and
    /// time to live on (an existing table without them gets them). Safe to call concurrently and repeatedly. An existing
    /// table whose keys differ from the schema is refused. Meant for development and tests; production declares the
    /// table in infrastructure code (docs/table.md).
    /// </summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table's name.</param>
    /// <param name="capacity">Provisioned throughput for a new table; <see langword="null"/> for on-demand.</param>
    /// <param name="projection">What the status index carries (<see cref="TapkoStoreOptions.StatusIndexProjection"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when this call created the table.</returns>
    /// <exception cref="InvalidOperationException">The table exists with another key schema or status index.</exception>
    public static async Task<bool> EnsureTableAsync(
        IAmazonDynamoDB client,
        string tableName,
        TapkoTableCapacity? capacity = null,
        StatusIndexProjection projection = StatusIndexProjection.Rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = BuildCreateTableRequest(tableName, capacity, projection);

        var created = false;
        var description = await TryDescribeAsync(client, tableName, cancellationToken).ConfigureAwait(false);
        if (description is null)
        {
            try
            {
                description = (await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false)).TableDescription;
                created = true;
            }
            catch (ResourceInUseException)
            {
                // Another caller created it between our describe and create; fall through to the wait.
            }
        }

        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            description = await TryDescribeAsync(client, tableName, cancellationToken).ConfigureAwait(false);
            if (description is not null && IsActive(description))
            {
                EnsureSchema(description, projection);
                await EnsureFeedAsync(client, description, cancellationToken).ConfigureAwait(false);
                return created;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
        }
    }

    /// <summary>Turns on what an existing table may lack: the stream of new and old images, and time to live on <c>ttl</c>.</summary>
    private static async Task EnsureFeedAsync(IAmazonDynamoDB client, TableDescription table, CancellationToken cancellationToken)
    {
        if (table.StreamSpecification is not { StreamEnabled: true })
        {
            await client.UpdateTableAsync(
                new UpdateTableRequest
                {
                    TableName = table.TableName,
                    StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
                },
                cancellationToken).ConfigureAwait(false);
        }

        var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table.TableName }, cancellationToken).ConfigureAwait(false);
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus is not { } status || status == TimeToLiveStatus.DISABLED)
        {
            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = table.TableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLiveAttribute, Enabled = true },
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    internal static void ValidateTableName(string? tableName, string paramName)
    {
        // DynamoDB's rule, checked here so a typo fails before a request is sent.
        if (string.IsNullOrEmpty(tableName) || tableName.Length is < 3 or > 255
            || !tableName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException("A DynamoDB table name must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.", paramName);
        }
    }

    private static async Task<TableDescription?> TryDescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE
        && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);

    private static void EnsureSchema(TableDescription table, StatusIndexProjection projection)
    {
        var differences = TableSchemaCheck.Differences(table, projection);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"Table '{table.TableName}' exists but is not a Tapko table as configured: " +
                $"it needs key PK/SK and index GSI1 (GSI1PK/GSI1SK, projection {projection}). " +
                "Use another table name, or recreate it from TapkoTable.BuildCreateTableRequest. " + string.Join(" ", differences));
        }
    }

    /// <summary>
    /// Checks an existing table against this definition with a <c>DescribeTable</c> and a <c>DescribeTimeToLive</c>
    /// request: it must exist, be <c>ACTIVE</c> with <c>GSI1</c> <c>ACTIVE</c>, have exactly the key schema, key
    /// attribute types and status index (keys and projection) of <see cref="BuildCreateTableRequest"/>, a stream of new
    /// and old images, and time to live on <see cref="TimeToLiveAttribute"/>. Billing mode and capacity are not checked.
    /// </summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table's name.</param>
    /// <param name="projection">What the stores expect the status index to carry (<see cref="TapkoStoreOptions.StatusIndexProjection"/>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One sentence per problem found; empty when the stores can use the table.</returns>
    /// <remarks>
    /// Needs <c>dynamodb:DescribeTable</c> and <c>dynamodb:DescribeTimeToLive</c> on the table. Other AWS faults
    /// (throttling, network) propagate.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> VerifyAsync(
        IAmazonDynamoDB client,
        string tableName,
        StatusIndexProjection projection = StatusIndexProjection.Rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateTableName(tableName, nameof(tableName));

        var table = await TryDescribeAsync(client, tableName, cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            return [$"Table '{tableName}' does not exist."];
        }

        var problems = new List<string>();
        if (table.TableStatus != TableStatus.ACTIVE)
        {
            problems.Add($"Table '{tableName}' is {table.TableStatus?.Value ?? "of unknown status"}, not ACTIVE.");
        }

        var index = table.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == StatusIndex.Name);
        if (index is not null && index.IndexStatus != IndexStatus.ACTIVE)
        {
            problems.Add($"Index {StatusIndex.Name} is {index.IndexStatus?.Value ?? "of unknown status"}, not ACTIVE.");
        }

        problems.AddRange(TableSchemaCheck.Differences(table, projection));
        if (table.StreamSpecification is not { StreamEnabled: true } stream || stream.StreamViewType != StreamViewType.NEW_AND_OLD_IMAGES)
        {
            problems.Add($"Table '{tableName}' has no stream of new and old images (NEW_AND_OLD_IMAGES), which the change feed's projector reads.");
        }

        var ttl = (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName },
            cancellationToken).ConfigureAwait(false)).TimeToLiveDescription;
        if (ttl?.TimeToLiveStatus != TimeToLiveStatus.ENABLED && ttl?.TimeToLiveStatus != TimeToLiveStatus.ENABLING || ttl.AttributeName != TimeToLiveAttribute)
        {
            problems.Add($"Table '{tableName}' does not have time to live enabled on attribute '{TimeToLiveAttribute}', which removes expired feedback.");
        }

        return problems;
    }
}
