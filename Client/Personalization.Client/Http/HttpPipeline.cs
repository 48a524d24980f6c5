using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Personalization.Client.Operations;
using Scalar.AspNetCore;

namespace Personalization.Client.Http;

/// <summary>
/// The HTTP pipeline every host of the API uses (gateway, silo): ProblemDetails for every error status,
/// JWT authentication, per-caller rate limiting, authorization per endpoint group, anonymous health probes, Prometheus metrics (<c>/metrics</c>) and docs
/// (<c>/openapi/v1.json</c>, <c>/docs</c>), the API.
/// </summary>
public static class HttpPipeline
{
    public static WebApplication UsePersonalizationHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapPersonalizationHealth();
        app.MapPrometheusScrapingEndpoint(Telemetry.MetricsPath).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Personalization API")).AllowAnonymous();
        app.MapPersonalizationApi();
        return app;
    }
}
