using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Personalization.Client.Security;

/// <summary>The per-caller fixed-window limiter (<see cref="RateLimitOptions"/>) and its 429 ProblemDetails with Retry-After.</summary>
public static class CallerRateLimit
{
    public static void Configure(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(RateLimitOptions.PolicyName, Partition);
        limiter.OnRejected = WriteRejectionAsync;
    }

    /// <summary>The caller's partition key: <c>sub:</c> of a valid token, else <c>ip:</c> of the client.</summary>
    public static string CallerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(ApiClaims.Subject)?.Value : null;
        return subject is { Length: > 0 } ? $"sub:{subject}" : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }

    /// <summary>
    /// Whether a caller gets the service tier: role admin or a scope the API defines (<see cref="ApiClaims.ServiceScopes"/>).
    /// Any other scope (an identity provider's <c>openid profile</c>) leaves a listener a listener.
    /// </summary>
    public static bool IsService(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true &&
               (user.IsInRole(ApiClaims.AdminRole) || ApiClaims.ServiceScopes.Any(scope => UserAccessRequirement.HasScope(user, scope)));
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var permits = IsService(context.User) ? options.ServicePermitsPerWindow : options.CallerPermitsPerWindow;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{CallerOf(context)}|{permits}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = options.Window, QueueLimit = 0, AutoReplenishment = true });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Retry after {seconds} s.",
            },
        });
        if (!written) await http.Response.WriteAsync($"Too many requests. Retry after {seconds} s.", cancellationToken);
    }
}
