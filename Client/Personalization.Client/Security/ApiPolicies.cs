namespace Personalization.Client.Security;

/// <summary>The authorization policies of the API (declared per endpoint group in <c>MapPersonalizationApi</c>).</summary>
public static class ApiPolicies
{
    /// <summary>Record events: the listener itself, a service with <c>events:write</c>, or an admin.</summary>
    public const string WriteEvents = "user-events-write";

    /// <summary>Read recommendations and profile: the listener itself, a service with <c>recs:read</c>, or an admin.</summary>
    public const string ReadUser = "user-read";

    /// <summary>Export everything stored: the listener itself or an admin.</summary>
    public const string ExportUser = "user-export";

    /// <summary>Read a Blend: the read rule for every member (a service with <c>recs:read</c>, or an admin; see <see cref="BlendAccessRequirement"/>).</summary>
    public const string ReadBlend = "blend-read";

    /// <summary>Role <c>admin</c>: delete a user and administrative endpoints.</summary>
    public const string Admin = "admin";
}
