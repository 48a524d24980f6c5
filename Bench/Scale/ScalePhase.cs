namespace Personalization.Bench.Scale;

/// <summary>
/// One cluster of the run, from start to stop: its silos' readings, how long teaching the seed and the read models'
/// catching up took, the timed recommendations, and the tail cache's reads over the timed phase (summed over the
/// silos; null when the silos do not export them) and keys after it.
/// </summary>
public sealed record ScalePhase(
    string Name,
    int? HeadTracks,
    long Observations,
    double SeedSeconds,
    double CatchUpSeconds,
    IReadOnlyList<SiloReading> Silos,
    long EventsApplied,
    AnchoredLatencyResult Latency,
    double? TailHits,
    double? TailMisses,
    double? TailCacheKeys)
{
    /// <summary>Hits ÷ reads of the tail cache over the timed phase; null when not exported or nothing was read.</summary>
    public double? TailHitRate => TailHits is { } hits && TailMisses is { } misses && hits + misses > 0 ? hits / (hits + misses) : null;
}
