namespace Personalization.Abstractions;

/// <summary>
/// The input rules every entry point enforces (grain and HTTP use the same <see cref="RequestValidator"/>).
/// Bound from configuration section <c>Personalization:Validation</c>.
/// </summary>
public sealed class ValidationLimits
{
    public const string SectionName = "Personalization:Validation";

    public int MaxIdLength { get; set; } = 128;
    public int MaxContextLength { get; set; } = 64;
    public int MaxBatchSize { get; set; } = 500;
    public int MaxRecommendations { get; set; } = 100;
    public int MaxExclusions { get; set; } = 500;
    public int MaxDurationMs { get; set; } = 6 * 60 * 60 * 1000;

    /// <summary>How far in the future (client clock skew) an event's timestamp may be.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Events older than this instant are rejected. The default, the Unix epoch (1970-01-01), admits history of any era
    /// (imports, replays of old logs); live HTTP traffic has its own, much shorter window (<c>Personalization:Http:MaxEventAge</c>).
    /// It may not be set earlier: event times are kept as non-negative Unix milliseconds.
    /// </summary>
    public DateTimeOffset MinTimestamp { get; set; } = DateTimeOffset.UnixEpoch;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxIdLength is < 1 or > 1024) errors.Add($"{nameof(MaxIdLength)} must be in [1, 1024].");
        if (MaxContextLength is < 1 or > 1024) errors.Add($"{nameof(MaxContextLength)} must be in [1, 1024].");
        if (MaxBatchSize is < 1 or > 10_000) errors.Add($"{nameof(MaxBatchSize)} must be in [1, 10000].");
        if (MaxRecommendations is < 1 or > 1000) errors.Add($"{nameof(MaxRecommendations)} must be in [1, 1000].");
        if (MaxExclusions is < 0 or > 10_000) errors.Add($"{nameof(MaxExclusions)} must be in [0, 10000].");
        if (MaxDurationMs < 1) errors.Add($"{nameof(MaxDurationMs)} must be positive.");
        if (MaxFutureSkew < TimeSpan.Zero) errors.Add($"{nameof(MaxFutureSkew)} must not be negative.");
        if (MinTimestamp < DateTimeOffset.UnixEpoch) errors.Add($"{nameof(MinTimestamp)} must not be before {DateTimeOffset.UnixEpoch:O}.");
        return errors;
    }
}
