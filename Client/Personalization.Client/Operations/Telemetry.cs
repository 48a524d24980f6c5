using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Personalization.Abstractions;

namespace Personalization.Client.Operations;

/// <summary>OpenTelemetry metrics of a host (silo or gateway): Orleans' meter and the project's, scraped by Prometheus on <c>/metrics</c>.</summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddPersonalizationTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MeterNames.Orleans, MeterNames.Personalization)
            .AddPrometheusExporter());
        return services;
    }
}
