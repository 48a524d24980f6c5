using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Personalization.Grains.Operations;

/// <summary>Healthy once this silo is Active in the cluster's membership (joined), unhealthy while joining or shutting down.</summary>
public sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.Name} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.Name} is {status}, not active."));
    }
}
