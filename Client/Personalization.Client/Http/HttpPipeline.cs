using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scalar.AspNetCore;

namespace Personalization.Client.Http;

/// <summary>
/// The HTTP pipeline every host of the API uses (gateway, dev silo): ProblemDetails for every error status,
/// JWT authentication, per-caller rate limiting, authorization per endpoint group, anonymous health and docs
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
        app.MapHealthChecks("/health/live").AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Personalization API")).AllowAnonymous();
        app.MapPersonalizationApi();
        return app;
    }
}
