using Microsoft.AspNetCore.Builder;

namespace Personalization.Client.Http;

/// <summary>The HTTP pipeline every host of the API uses (gateway, dev silo): ProblemDetails for errors, health, the API.</summary>
public static class HttpPipeline
{
    public static WebApplication UsePersonalizationHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapPersonalizationApi();
        return app;
    }
}
