using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Personalization.Abstractions.Blend;

namespace Personalization.Client.Security;

/// <summary>
/// Access to a Blend (route <c>members</c>): the per-user read rule must hold for every member. So a service token
/// with <c>recs:read</c> or the <c>admin</c> role may read any Blend, and a listener token only one whose every member is
/// its own <c>sub</c>: a listener's token never reveals another listener's taste, so the app's backend (which holds the
/// members' consent) requests Blends with its service token.
/// </summary>
public sealed class BlendAccessRequirement : IAuthorizationRequirement
{
    public const string RouteKey = "members";

    private readonly UserAccessRequirement _perMember = new(ApiClaims.RecsRead);

    public bool IsMet(ClaimsPrincipal user, string? routeMembers)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(routeMembers)) return false;
        return routeMembers.Split(BlendMembers.Separator).All(member => _perMember.IsMet(user, member));
    }

    /// <summary>Evaluates the requirement against the endpoint's route (the resource is the request's HttpContext).</summary>
    public sealed class Handler : AuthorizationHandler<BlendAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BlendAccessRequirement requirement)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(requirement);
            var members = context.Resource is HttpContext http ? http.GetRouteValue(RouteKey) as string : null;
            if (requirement.IsMet(context.User, members)) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
