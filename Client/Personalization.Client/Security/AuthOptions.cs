using System.Text;

namespace Personalization.Client.Security;

/// <summary>
/// JWT bearer settings of the HTTP API. Section <c>Personalization:Auth</c>. Tokens are HS256-signed with
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

    /// <summary>Tolerated clock difference between token issuer and API when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the development key signs and validates tokens here (no key configured, Development or opted in).</summary>
    public bool UsesDevelopmentKey(bool isDevelopment) => string.IsNullOrEmpty(SigningKey) && (isDevelopment || UseDevelopmentKey);

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
}
