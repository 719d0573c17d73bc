using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data;

/// <summary>The table definition: what platform engineers create, and an idempotent way to create it.</summary>
public static class TapkoTable
{
    /// <summary>
    /// Builds the <see cref="CreateTableRequest"/> for the single table: string <c>PK</c>/<c>SK</c>, and the sparse
    /// status index <c>GSI1</c> (<c>GSI1PK</c>/<c>GSI1SK</c>) projecting all attributes.
    /// </summary>
    /// <param name="tableName">The table's name.</param>
    /// <param name="capacity">Provisioned throughput; <see langword="null"/> (the default) for on-demand.</param>
    public static CreateTableRequest BuildCreateTableRequest(string tableName, TapkoTableCapacity? capacity = null)
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
            // ALL, because a status page shows whole feedback items; a KEYS_ONLY index would force a GetItem per row.
            Projection = new Projection { ProjectionType = ProjectionType.ALL },
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
    /// Creates the table if it does not exist and waits until it and its index are <c>ACTIVE</c>. Safe to call
    /// concurrently and repeatedly. An existing table whose keys differ from the schema is refused.
    /// </summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table's name.</param>
    /// <param name="capacity">Provisioned throughput for a new table; <see langword="null"/> for on-demand.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when this call created the table.</returns>
    /// <exception cref="InvalidOperationException">The table exists with another key schema or without <c>GSI1</c>.</exception>
    public static async Task<bool> EnsureTableAsync(
        IAmazonDynamoDB client,
        string tableName,
        TapkoTableCapacity? capacity = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = BuildCreateTableRequest(tableName, capacity);

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
                EnsureSchema(description);
                return created;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
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

    private static void EnsureSchema(TableDescription table)
    {
        static bool Has(List<KeySchemaElement>? schema, string hash, string range) =>
            schema is { Count: 2 }
            && schema.Any(k => k.KeyType == KeyType.HASH && k.AttributeName == hash)
            && schema.Any(k => k.KeyType == KeyType.RANGE && k.AttributeName == range);

        var index = table.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == StatusIndex.Name);
        if (!Has(table.KeySchema, PrimaryIndex.PartitionKey, PrimaryIndex.SortKey)
            || index is null
            || !Has(index.KeySchema, StatusIndex.PartitionKey, StatusIndex.SortKey)
            || index.Projection?.ProjectionType != ProjectionType.ALL)
        {
            throw new InvalidOperationException(
                $"Table '{table.TableName}' exists but is not a Tapko table: it needs key PK/SK and index GSI1 (GSI1PK/GSI1SK, projection ALL). " +
                "Use another table name, or recreate it from TapkoTable.BuildCreateTableRequest.");
        }
    }
}
