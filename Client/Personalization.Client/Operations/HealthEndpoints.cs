using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Personalization.Abstractions;

namespace Personalization.Client.Operations;

/// <summary>
/// The probe endpoints (anonymous, not rate limited): <c>/health/live</c> runs no check (the process answers),
/// <c>/health/startup</c> the checks tagged <see cref="HealthTags.Startup"/>, <c>/health/ready</c> those tagged
/// <see cref="HealthTags.Ready"/>, reusing a recent result (<see cref="ReadinessCache"/>). Unhealthy answers 503.
/// </summary>
public static class HealthEndpoints
{
    public const string Prefix = "/health";
    public const string Live = "/health/live";
    public const string Startup = "/health/startup";
    public const string Ready = "/health/ready";

    public static IEndpointRouteBuilder MapPersonalizationHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(Startup, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Startup) }).AllowAnonymous();
        endpoints.MapGet(Ready, async (ReadinessCache readiness, HttpContext http) =>
        {
            var report = await readiness.GetAsync();
            http.Response.Headers.CacheControl = "no-store, no-cache";
            return Results.Text(report.Status.ToString(), "text/plain", statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).AllowAnonymous();
        return endpoints;
    }
}
