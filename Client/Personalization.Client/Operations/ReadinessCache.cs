using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;

namespace Personalization.Client.Operations;

/// <summary>
/// The readiness checks' last report, reused for <see cref="ManagementOptions.ReadyCacheDuration"/>: concurrent and
/// repeated probes share one run of the checks, so an anonymous flood of <c>/health/ready</c> costs nothing extra.
/// </summary>
public sealed class ReadinessCache(HealthCheckService checks, TimeProvider clock, IOptions<ManagementOptions> options)
{
    private readonly Lock _gate = new();
    private Task<HealthReport>? _report;
    private DateTimeOffset _startedAt;

    public Task<HealthReport> GetAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_report is { } report && (!report.IsCompleted || now - _startedAt < options.Value.ReadyCacheDuration)) return report;
            _startedAt = now;
            return _report = checks.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), CancellationToken.None);
        }
    }
}
