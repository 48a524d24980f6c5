namespace Personalization.Abstractions;

/// <summary>
/// Tags of the hosts' health checks, shared by the checks (silo, gateway) and the endpoints that select them:
/// <c>/health/live</c> runs no check, <c>/health/startup</c> the <see cref="Startup"/> ones, <c>/health/ready</c> the <see cref="Ready"/> ones.
/// </summary>
public static class HealthTags
{
    public const string Startup = "startup";
    public const string Ready = "ready";
}
