using Amazon.DynamoDBv2;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tapko.Data.HealthChecks;

/// <summary>Reports the store's table healthy only when <see cref="TapkoTable.VerifyAsync"/> finds nothing wrong with it.</summary>
internal sealed class TapkoTableHealthCheck(TapkoTableClient table) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["table"] = table.TableName };
        try
        {
            var problems = await table.VerifyAsync(cancellationToken).ConfigureAwait(false);
            return problems.Count == 0
                ? HealthCheckResult.Healthy($"Table '{table.TableName}' is ACTIVE with the Tapko key schema and index GSI1.", data)
                : new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", problems), data: data);
        }
        catch (AmazonDynamoDBException e)
        {
            // Access denied, throttling, an unreachable endpoint: the table cannot be used either.
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"DescribeTable of '{table.TableName}' failed: {e.ErrorCode ?? e.GetType().Name}.", e, data);
        }
    }
}
