namespace Personalization.Client.Http;

/// <summary>JSON shape of a listen's context.</summary>
public sealed class ContextBody
{
    public string? Source { get; set; }
    public string? Device { get; set; }
}
