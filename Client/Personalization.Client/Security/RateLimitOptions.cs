namespace Personalization.Client.Security;

/// <summary>
/// Per-caller limits of the /v1 API (fixed windows). Section <c>Personalization:RateLimit</c>. A caller is the token's
/// <c>sub</c>, or the client IP when there is no valid token. Service and admin tokens (gateways acting for many
/// listeners) get <see cref="ServicePermitsPerWindow"/>; listeners and anonymous callers <see cref="CallerPermitsPerWindow"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Personalization:RateLimit";

    /// <summary>The name of the rate-limiting policy the API group uses.</summary>
    public const string PolicyName = "per-caller";

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    public int CallerPermitsPerWindow { get; set; } = 20;

    public int ServicePermitsPerWindow { get; set; } = 2000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromHours(1)) errors.Add($"{SectionName}:{nameof(Window)} must be in (0, 1 h].");
        if (CallerPermitsPerWindow < 1) errors.Add($"{SectionName}:{nameof(CallerPermitsPerWindow)} must be positive.");
        if (ServicePermitsPerWindow < 1) errors.Add($"{SectionName}:{nameof(ServicePermitsPerWindow)} must be positive.");
        return errors;
    }
}
