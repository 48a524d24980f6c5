using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Personalization.Client.Operations;

/// <summary>A gateway is ready when its Orleans client reaches the cluster and the cluster has at least one active silo.</summary>
public sealed class ClusterClientHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"Connected; {hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("Connected, but no silo is active.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {exception.GetType().Name}.");
        }
    }
}
