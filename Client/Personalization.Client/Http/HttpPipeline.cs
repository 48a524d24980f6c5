using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Personalization.Client.Operations;
using Personalization.Client.WebConsole;
using Orleans.Dashboard;
using Personalization.Abstractions;
using Scalar.AspNetCore;

namespace Personalization.Client.Http;

/// <summary>
/// The HTTP pipeline every host of the API uses (gateway, silo): ProblemDetails for every error status,
/// JWT authentication, per-caller rate limiting, authorization per endpoint group, anonymous health probes, Prometheus metrics (<c>/metrics</c>) and docs
/// (<c>/openapi/v1.json</c>, <c>/docs</c>), the API, the console (<c>/console</c>), and the Orleans Dashboard at <c>/dashboard</c> for admins (the host's
/// silos or Orleans client must have the dashboard added, as <c>AddPersonalization</c> and <c>AddPersonalizationClient</c> do).
/// With <see cref="Operations.ManagementOptions.Port"/> set, health, metrics and the dashboard answer only on that port.
/// </summary>
public static class HttpPipeline
{
    /// <summary>The Orleans Dashboard (cluster, silos, grain statistics); admin role only.</summary>
    public const string DashboardPath = "/dashboard";

    /// <param name="dashboard">Map the Orleans Dashboard (it must be added to the host's silo or Orleans client); unset: <see cref="DashboardSetting.Key"/> decides.</param>
    /// <param name="api">Map the <c>/v1</c> API, its OpenAPI document and docs, and the console (a production silo leaves them to the gateways).</param>
    public static WebApplication UsePersonalizationHttp(this WebApplication app, bool? dashboard = null, bool api = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseManagementPort(); // health, metrics, dashboard only on the management port when one is configured
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapPersonalizationHealth();
        app.MapPrometheusScrapingEndpoint(Telemetry.MetricsPath).AllowAnonymous();
        if (api)
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference("/docs", o => o.WithTitle("Personalization API")).AllowAnonymous();
            app.MapPersonalizationApi();
            app.MapPersonalizationConsole();
        }

        if (dashboard ?? app.Configuration.GetValue(DashboardSetting.Key, DashboardSetting.Default)) app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Security.ApiPolicies.Admin);
        return app;
    }
}
