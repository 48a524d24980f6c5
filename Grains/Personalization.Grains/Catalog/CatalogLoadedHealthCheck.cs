using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Personalization.Grains.Catalog;

/// <summary>
/// Readiness: a silo is ready once its catalogue cache has caught up with every partition, so a silo that just started
/// neither refuses catalogued tracks (Strict) nor serves taken-down ones through the traffic readiness admits.
/// </summary>
public sealed class CatalogLoadedHealthCheck(CatalogCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.IsLoaded
            ? HealthCheckResult.Healthy($"Catalogue cached: {cache.Index.Count} track(s).")
            : HealthCheckResult.Unhealthy("Loading the catalogue into this silo's cache."));
}
