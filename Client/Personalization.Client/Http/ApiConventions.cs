using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Personalization.Client.Security;

namespace Personalization.Client.Http;

/// <summary>What every API endpoint group shares: the per-caller rate limit, typed errors as ProblemDetails, and the error responses in OpenAPI.</summary>
public static class ApiConventions
{
    public static RouteGroupBuilder WithApiConventions(this RouteGroupBuilder group) =>
        group.RequireRateLimiting(RateLimitOptions.PolicyName)
            .AddEndpointFilter<ApiErrorFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
