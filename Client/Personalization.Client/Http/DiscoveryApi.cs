using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Client.Facade;
using Personalization.Client.Security;

namespace Personalization.Client.Http;

/// <summary>
/// Discovery endpoints (README "Blend and discovery", docs/algorithms.md): a listener's discovery list, with the per-user read rule, and a
/// group's Blend queue, with that rule for every member. One grain call per request.
/// </summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{userId}").WithTags("Discovery").WithApiConventions().RequireAuthorization(ApiPolicies.ReadUser);
        users.MapGet("/discovery", DiscoverAsync).WithName("Discover")
            .WithSummary("Tracks the listener has never played, near their taste, each with a reason.");

        var blends = app.MapGroup("/v1/blends/{members}").WithTags("Blend").WithApiConventions().RequireAuthorization(ApiPolicies.ReadBlend);
        blends.MapGet("", BlendAsync).WithName("Blend")
            .WithSummary("The shared queue of 2 to 8 listeners (ids separated by ','), fair across members, with each member's share.");
        return app;
    }

    private static async Task<Results<Ok<RecommendationList>, ValidationProblem>> DiscoverAsync(
        string userId, string? count, string? exclude, string? market, string? @explicit,
        IDiscoveryClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>(validator.ValidateUserId(userId));
        var n = RequestRules.Count(count, 10, errors);
        var request = new RecommendRequest(n, RequestRules.Exclude(exclude), null, market, RequestRules.Explicit(@explicit, errors));
        if (errors.Count == 0) errors.AddRange(validator.ValidateRecommend(request));
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.DiscoverAsync(userId, request, cancellationToken));
    }

    private static async Task<Results<Ok<BlendQueue>, ValidationProblem>> BlendAsync(
        string members, string? count, string? market, string? @explicit, IDiscoveryClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>(BlendMembers.TryParse(members, validator, out var canonical));
        var request = new BlendRequest(RequestRules.Count(count, 20, errors), market, RequestRules.Explicit(@explicit, errors));
        if (errors.Count == 0) errors.AddRange(validator.ValidateRecommend(new RecommendRequest(request.Count, Market: market)));
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.BlendAsync(canonical, request, cancellationToken));
    }
}
