using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Personalization.Client.Security;

/// <summary>
/// Access to the user named by the route's <c>userId</c>: granted to a listener token whose <c>sub</c> is that user,
/// to a service token carrying <see cref="ServiceScope"/> (when not null), and to the <c>admin</c> role.
/// </summary>
public sealed class UserAccessRequirement(string? serviceScope) : IAuthorizationRequirement
{
    public const string RouteKey = "userId";

    public string? ServiceScope { get; } = serviceScope;

    public bool IsMet(ClaimsPrincipal user, string? routeUserId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(ApiClaims.AdminRole)) return true;
        if (ServiceScope is not null && HasScope(user, ServiceScope)) return true;
        var subject = user.FindFirst(ApiClaims.Subject)?.Value;
        return !string.IsNullOrEmpty(subject) && routeUserId is not null && string.Equals(subject, routeUserId, StringComparison.Ordinal);
    }

    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(ApiClaims.Scope).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    /// <summary>Evaluates the requirement against the endpoint's route (the resource is the request's HttpContext).</summary>
    public sealed class Handler : AuthorizationHandler<UserAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserAccessRequirement requirement)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(requirement);
            var routeUser = context.Resource is HttpContext http ? http.GetRouteValue(RouteKey) as string : null;
            if (requirement.IsMet(context.User, routeUser)) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
