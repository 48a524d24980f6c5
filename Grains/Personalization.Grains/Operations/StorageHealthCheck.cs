using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Personalization.Grains.Operations;

/// <summary>
/// Healthy when the table service that holds membership, snapshots and the journal answers a one-row table query
/// within the probe timeout (a client without retries: a readiness probe must answer fast, not wait out backoff).
/// </summary>
public sealed class StorageHealthCheck(TableServiceClient probeClient, string table) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in probeClient.QueryAsync(t => t.Name == table, maxPerPage: 1, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy("Table storage answers.");
        }
        catch (RequestFailedException exception)
        {
            return HealthCheckResult.Unhealthy($"Table storage refused the probe ({exception.Status} {exception.ErrorCode}).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Table storage does not answer: {exception.GetType().Name}.");
        }
    }
}
