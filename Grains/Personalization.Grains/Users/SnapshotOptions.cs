namespace Personalization.Grains.Users;

/// <summary>
/// When a listener's full state is written as a snapshot (the event journal holds everything in between).
/// Section <c>Personalization:Snapshots</c>.
/// </summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "Personalization:Snapshots";

    /// <summary>Documented cap on a serialized snapshot, far below Azure Table's 64 KB per property and 1 MB per entity.</summary>
    public const int MaxSnapshotBytes = 48 * 1024;

    /// <summary>A snapshot is written once this many events were applied since the last one.</summary>
    public int EveryEvents { get; set; } = 100;

    /// <summary>... or once this much time passed since the last one (checked when events arrive; deactivation always writes).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (EveryEvents is < 1 or > 100_000) errors.Add($"{nameof(EveryEvents)} must be in [1, 100000].");
        if (Interval <= TimeSpan.Zero) errors.Add($"{nameof(Interval)} must be positive.");
        return errors;
    }
}
