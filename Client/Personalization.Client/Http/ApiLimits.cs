namespace Personalization.Client.Http;

/// <summary>Transport limits of the HTTP API. Section <c>Personalization:Http</c>.</summary>
public sealed class ApiLimits
{
    public const string SectionName = "Personalization:Http";

    /// <summary>Largest accepted request body (a full batch of events fits comfortably).</summary>
    public long MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// How old an event's timestamp may be over HTTP (live traffic). Distinct from the grain's
    /// <c>Personalization:Validation:MinTimestamp</c> (1970-01-01), which admits history of any era through the Orleans
    /// client (the import command, replays).
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(30);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024) errors.Add($"{SectionName}:{nameof(MaxBodyBytes)} must be in [1 KiB, 64 MiB].");
        if (MaxEventAge <= TimeSpan.Zero) errors.Add($"{SectionName}:{nameof(MaxEventAge)} must be positive.");
        return errors;
    }
}
