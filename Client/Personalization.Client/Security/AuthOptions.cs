using System.Text;

namespace Personalization.Client.Security;

/// <summary>
/// JWT bearer settings of the HTTP API. Section <c>Personalization:Auth</c>. In a real deployment tokens are signed by
/// the identity provider (RS256 or ES256) and hosts hold its public keys only: from <see cref="JwksUri"/>, or from the
/// OpenID Connect discovery document of <see cref="Authority"/> / <see cref="MetadataAddress"/>, cached and re-fetched
/// when a token names an unknown key (rotation). For development and tests, tokens are HS256-signed with the shared
/// <see cref="SigningKey"/>; the documented <see cref="DevelopmentKey"/> is used only when the environment is
/// Development or <see cref="UseDevelopmentKey"/> says so (never silently: a warning is logged at start).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Personalization:Auth";

    /// <summary>Smallest accepted signing key (HS256 needs 256 bits).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "personalization";

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = "personalization-api";

    /// <summary>The shared HS256 secret (at least 32 bytes of UTF-8). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Use the public development key although the environment is not Development (test rigs only).</summary>
    public bool UseDevelopmentKey { get; set; }

    /// <summary>The identity provider's JWKS document (public keys only; RS256/ES256 tokens). Excludes <see cref="SigningKey"/>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>An OpenID Connect authority; its discovery document names the JWKS (RS256/ES256 tokens). Excludes <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address when it is not <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Refuse key documents over plain HTTP (turn off only for a loopback test identity provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How soon a token naming an unknown key may trigger another fetch of the key document (rotation).</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a token may be valid (<c>exp</c> − <c>iat</c>, else − <c>nbf</c>), whoever signed it.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Tolerated clock difference between token issuer and API when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether tokens are validated with the identity provider's public keys (RS256/ES256) rather than a shared secret.</summary>
    public bool UsesPublicKeys =>
        !string.IsNullOrEmpty(JwksUri) || !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(MetadataAddress);

    /// <summary>The OpenID Connect discovery document: <see cref="MetadataAddress"/>, else under <see cref="Authority"/>.</summary>
    public string DiscoveryAddress => !string.IsNullOrEmpty(MetadataAddress)
        ? MetadataAddress
        : $"{Authority?.TrimEnd('/')}/.well-known/openid-configuration";

    /// <summary>Whether the development key signs and validates tokens here (no key configured, Development or opted in).</summary>
    public bool UsesDevelopmentKey(bool isDevelopment) =>
        !UsesPublicKeys && string.IsNullOrEmpty(SigningKey) && (isDevelopment || UseDevelopmentKey);

    /// <summary>The key bytes to sign and validate with; call after <see cref="Validate"/> passed.</summary>
    public byte[] KeyBytes(bool isDevelopment) =>
        Encoding.UTF8.GetBytes(UsesDevelopmentKey(isDevelopment) ? DevelopmentKey.Value : SigningKey!);

    /// <summary>
    /// The rules. <paramref name="deployment"/> (from <see cref="DeploymentSignals"/>) says why the host is a real
    /// deployment: then the development key is refused whatever the environment or <see cref="UseDevelopmentKey"/> say.
    /// </summary>
    public IReadOnlyList<string> Validate(bool isDevelopment, string? deployment = null)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Issuer)) errors.Add($"{SectionName}:{nameof(Issuer)} is required.");
        if (string.IsNullOrWhiteSpace(Audience)) errors.Add($"{SectionName}:{nameof(Audience)} is required.");
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5)) errors.Add($"{SectionName}:{nameof(ClockSkew)} must be in [0, 5 min].");
        if (MaxTokenLifetime <= TimeSpan.Zero || MaxTokenLifetime > TimeSpan.FromDays(7)) errors.Add($"{SectionName}:{nameof(MaxTokenLifetime)} must be in (0, 7 days].");
        if (UsesPublicKeys)
        {
            ValidatePublicKeys(errors);
            return errors;
        }

        if (deployment is not null && (UsesDevelopmentKey(isDevelopment) || SigningKey == DevelopmentKey.Value))
        {
            errors.Add($"{SectionName}: the public development key is refused because {deployment}; " +
                       $"configure {SectionName}:{nameof(SigningKey)} from a secret (at least {MinKeyBytes} bytes).");
        }
        else if (string.IsNullOrEmpty(SigningKey))
        {
            if (!isDevelopment && !UseDevelopmentKey)
            {
                errors.Add($"{SectionName}:{nameof(SigningKey)} is required outside the Development environment " +
                           $"(at least {MinKeyBytes} bytes, from a secret).");
            }
        }
        else if (Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
        {
            errors.Add($"{SectionName}:{nameof(SigningKey)} must be at least {MinKeyBytes} bytes.");
        }
        else if (SigningKey == DevelopmentKey.Value && !isDevelopment && !UseDevelopmentKey)
        {
            errors.Add($"{SectionName}:{nameof(SigningKey)} is the public development key; configure a secret key outside Development.");
        }

        return errors;
    }

    private void ValidatePublicKeys(List<string> errors)
    {
        if (!string.IsNullOrEmpty(SigningKey)) errors.Add($"{SectionName}: configure either {nameof(SigningKey)} (HS256) or the identity provider's public keys, not both.");
        if (!string.IsNullOrEmpty(JwksUri) && (!string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(MetadataAddress)))
        {
            errors.Add($"{SectionName}: configure either {nameof(JwksUri)} or {nameof(Authority)}/{nameof(MetadataAddress)}, not both.");
        }

        foreach (var (name, value) in new[] { (nameof(JwksUri), JwksUri), (nameof(Authority), Authority), (nameof(MetadataAddress), MetadataAddress) })
        {
            if (string.IsNullOrEmpty(value)) continue;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{SectionName}:{name} must be an absolute http(s) address.");
            }
            else if (RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"{SectionName}:{name} must use https (or set {nameof(RequireHttpsMetadata)}=false for a loopback test provider).");
            }
        }

        if (KeyRefreshInterval < TimeSpan.FromSeconds(1) || KeyRefreshInterval > TimeSpan.FromDays(1)) errors.Add($"{SectionName}:{nameof(KeyRefreshInterval)} must be in [1 s, 1 day].");
    }
}
