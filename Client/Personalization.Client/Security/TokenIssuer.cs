using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Personalization.Client.Security;

/// <summary>
/// Mints HS256 tokens the API accepts: the <c>token</c> command (development) and the testers' kit use it. A real
/// deployment's tokens come from its identity provider with the same claims (<see cref="ApiClaims"/>).
/// </summary>
public sealed class TokenIssuer(string issuer, string audience, byte[] signingKey, TimeProvider? clock = null)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Issuer { get; } = issuer;
    public string Audience { get; } = audience;

    /// <summary>A token for <paramref name="subject"/> with the given scopes and roles, valid from <paramref name="issuedAt"/> (now) for <paramref name="lifetime"/>.</summary>
    public string Create(
        string? subject,
        IEnumerable<string>? scopes = null,
        IEnumerable<string>? roles = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        string? issuer = null,
        string? audience = null)
    {
        var now = issuedAt ?? _clock.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(subject)) claims[ApiClaims.Subject] = subject;
        var scopeList = scopes?.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray() ?? [];
        if (scopeList.Length > 0) claims[ApiClaims.Scope] = string.Join(' ', scopeList);
        var roleList = roles?.Where(r => !string.IsNullOrWhiteSpace(r)).ToList() ?? [];
        if (roleList.Count == 1) claims[ApiClaims.Role] = roleList[0];
        else if (roleList.Count > 1) claims[ApiClaims.Role] = roleList;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? DefaultLifetime)).UtcDateTime,
            Claims = claims,
            SigningCredentials = _credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A listener's token: reads and writes only its own user.</summary>
    public string Listener(string userId) => Create(userId);

    /// <summary>A service token acting for any user within its scopes (default: record events and read recommendations).</summary>
    public string Service(params string[] scopes) =>
        Create("service", scopes.Length > 0 ? scopes : [ApiClaims.EventsWrite, ApiClaims.RecsRead]);

    /// <summary>An administrator's token.</summary>
    public string Admin() => Create("admin", roles: [ApiClaims.AdminRole]);
}
