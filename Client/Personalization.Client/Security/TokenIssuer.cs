using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Personalization.Client.Security;

/// <summary>
/// Mints tokens the API accepts: HS256 with a shared key (the <c>token</c> command in development, the testers' kit),
/// or with any signing credentials (tests playing an identity provider with RS256/ES256 keys). A real deployment's
/// tokens come from its identity provider with the same claims (<see cref="ApiClaims"/>).
/// </summary>
public sealed class TokenIssuer
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _clock;

    /// <summary>HS256 with <paramref name="signingKey"/>.</summary>
    public TokenIssuer(string issuer, string audience, byte[] signingKey, TimeProvider? clock = null)
        : this(issuer, audience, new SigningCredentials(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256), clock)
    {
    }

    /// <summary>Signed with <paramref name="credentials"/> (e.g. an RSA or ECDSA key with a key id, as an identity provider signs).</summary>
    public TokenIssuer(string issuer, string audience, SigningCredentials credentials, TimeProvider? clock = null)
    {
        Issuer = issuer;
        Audience = audience;
        _credentials = credentials;
        _clock = clock ?? TimeProvider.System;
    }

    public string Issuer { get; }
    public string Audience { get; }

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
