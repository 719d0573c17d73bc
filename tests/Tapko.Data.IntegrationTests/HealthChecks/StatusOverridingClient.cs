using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Tapko.Data.IntegrationTests.HealthChecks;

/// <summary>
/// A client of the shared DynamoDB Local whose DescribeTable answers report the table (or its index) in another
/// status. DynamoDB Local makes tables ACTIVE at once, so the CREATING or UPDATING that real DynamoDB reports for
/// minutes cannot be produced there; everything else in the answer is DynamoDB Local's own.
/// </summary>
internal sealed class StatusOverridingClient(Uri endpoint, TableStatus? tableStatus, IndexStatus? indexStatus)
    : AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" })
{
    public override async Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.DescribeTableAsync(request, cancellationToken);
        if (tableStatus is not null)
        {
            response.Table.TableStatus = tableStatus;
        }

        foreach (var index in response.Table.GlobalSecondaryIndexes ?? [])
        {
            index.IndexStatus = indexStatus ?? index.IndexStatus;
        }

        return response;
    }
}
