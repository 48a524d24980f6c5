using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// Readiness: a silo serves once its read model and its re-ranker are restored from their checkpoints, so a restarted
/// silo does not answer with empty lists; after <see cref="ModelCheckpointOptions.MaxRestoreWait"/> it reports ready
/// anyway (degraded), and <c>personalization_model_restored</c> stays 0 until the restore completes.
/// </summary>
public sealed class ModelRestoreHealthCheck(ModelCheckpointStatus status, IOptions<ModelCheckpointOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.IsRestored) return Task.FromResult(HealthCheckResult.Healthy($"Model restored in {status.RestoreSeconds:F1} s."));
        if (status.SinceStart >= options.Value.MaxRestoreWait)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Model not restored after {status.SinceStart.TotalSeconds:F0} s; serving without it."));
        }

        return Task.FromResult(HealthCheckResult.Unhealthy("Restoring the model from its checkpoint."));
    }
}
