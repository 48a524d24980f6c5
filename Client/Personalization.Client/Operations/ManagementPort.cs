using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Client.Http;

namespace Personalization.Client.Operations;

/// <summary>
/// Splits the host's ports (<see cref="ManagementOptions.Port"/>): management paths answer only on the management port,
/// everything else only on the other ports; anything else is 404. Decided by the connection's local port, never by the
/// Host header (which the caller chooses).
/// </summary>
public static class ManagementPort
{
    /// <summary>Health, metrics and the dashboard: the operators' paths (also left out of traces).</summary>
    public static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments(Telemetry.MetricsPath) || path.StartsWithSegments(HealthEndpoints.Prefix) || path.StartsWithSegments(HttpPipeline.DashboardPath);

    public static IApplicationBuilder UseManagementPort(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = app.ApplicationServices.GetRequiredService<IOptions<ManagementOptions>>().Value.Port;
        if (port == 0) return app;
        return app.Use((context, next) =>
        {
            if ((context.Connection.LocalPort == port) == IsManagementPath(context.Request.Path)) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
