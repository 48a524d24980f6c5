namespace Personalization.Client.Security;

/// <summary>Claim types, scopes and roles the API understands (JWT names, no inbound mapping).</summary>
public static class ApiClaims
{
    /// <summary>The user id of a listener token (or the name of a service).</summary>
    public const string Subject = "sub";

    /// <summary>Space-separated scopes of a service token (a JSON array is accepted too).</summary>
    public const string Scope = "scope";

    public const string Role = "role";

    /// <summary>Scope: record events for any user.</summary>
    public const string EventsWrite = "events:write";

    /// <summary>Scope: read recommendations and profiles of any user.</summary>
    public const string RecsRead = "recs:read";

    /// <summary>Every scope the API defines; only these make a token a service (its rate tier included).</summary>
    public static readonly IReadOnlyList<string> ServiceScopes = [EventsWrite, RecsRead];

    /// <summary>Role: delete users, export any user, administrative endpoints.</summary>
    public const string AdminRole = "admin";
}
