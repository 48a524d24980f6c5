using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Personalization.Client.WebConsole;

/// <summary>
/// The personalization console at <c>/console</c> (README "Console"): static HTML, CSS and JS from this assembly
/// (<see cref="ConsoleAssets"/>), open without a token like <c>/docs</c>: the page holds no data, it calls the
/// <c>/v1</c> API with the token the user pastes, and the API decides what that token may read. A strict
/// Content-Security-Policy lets the page load and connect to this host only.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";

    /// <summary>Only this host's own files and API; no inline script or style, no framing, no forms posted elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string IndexFile = "index.html";

    public static IEndpointRouteBuilder MapPersonalizationConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        console.MapGet("", (HttpContext http) => Serve(http, IndexFile));
        console.MapGet("/{file}", (HttpContext http, string file) => Serve(http, file));
        return app;
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!ConsoleAssets.Embedded.TryGet(file, out var asset)) return TypedResults.NotFound();
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }
}
