using System.Globalization;
using Microsoft.AspNetCore.Http;
using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>
/// Turns typed errors from the cluster into ProblemDetails: invalid input → 400; storage unavailable → 503 with
/// Retry-After (the request was not acknowledged; retrying the same event ids is safe).
/// </summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (InvalidEventException ex)
        {
            return ApiProblems.Invalid(ex.Errors);
        }
        catch (StorageUnavailableException ex)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Status(
                StatusCodes.Status503ServiceUnavailable,
                "Storage is temporarily unavailable; nothing was acknowledged.",
                $"Retry after {seconds} s with the same event ids (retries are idempotent).");
        }
    }
}
