using System.Globalization;
using Microsoft.AspNetCore.Http;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;

namespace Personalization.Client.Http;

/// <summary>
/// Turns typed errors from the cluster into ProblemDetails: invalid input → 400; a track unknown to a Strict catalogue → 422; storage unavailable, a timeout or a
/// cluster membership change → 503 with Retry-After (not acknowledged; retrying the same event ids is safe).
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
        catch (CatalogRefusedException ex)
        {
            return ApiProblems.Refused(ex.Errors);
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
        catch (Exception ex) when (ex is TimeoutException || ClusterRetry.IsMembershipChurn(ex))
        {
            // The cluster is changing (a silo left or hangs) and the facade's retries ran out, or the call timed out.
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Status(
                StatusCodes.Status503ServiceUnavailable,
                "The cluster is temporarily unavailable for this user; the request may not have been applied.",
                "Retry after 1 s with the same event ids (retries are idempotent).");
        }
    }
}
