namespace Personalization.Client.Http;

/// <summary>Transport limits of the HTTP API. Section <c>Personalization:Http</c>.</summary>
public sealed class ApiLimits
{
    public const string SectionName = "Personalization:Http";

    /// <summary>Largest accepted request body (a full batch of events fits comfortably).</summary>
    public long MaxBodyBytes { get; set; } = 512 * 1024;
}
