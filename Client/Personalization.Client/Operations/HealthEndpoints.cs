using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Personalization.Abstractions;

namespace Personalization.Client.Operations;

/// <summary>
/// The probe endpoints (anonymous, not rate limited): <c>/health/live</c> runs no check (the process answers),
/// <c>/health/startup</c> the checks tagged <see cref="HealthTags.Startup"/>, <c>/health/ready</c> those tagged
/// <see cref="HealthTags.Ready"/>. Unhealthy answers 503.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Startup = "/health/startup";
    public const string Ready = "/health/ready";

    public static IEndpointRouteBuilder MapPersonalizationHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(Startup, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Startup) }).AllowAnonymous();
        endpoints.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
        return endpoints;
    }
}
