namespace Personalization.Bench.Scale;

/// <summary>
/// One cluster of the run, from start to stop: its silos' readings, how long teaching the seed and the read models'
/// catching up took, the timed recommendations, and the tail cache's reads over the timed phase (summed over the
/// silos; null when the silos do not export them) and keys after it, and the mean time the user grains took to answer
/// over the timed phase, measured inside the silos (head and tail together; the rest of a call is the client and the hops).
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
    double? TailCacheKeys,
    double? InsideSiloMeanMs)
{
    /// <summary>
    /// Hits ÷ reads of the tail cache over the timed phase; null when not exported or nothing was read (a result with
    /// no sample yet counts 0: a labelled counter shows a label once it was counted).
    /// </summary>
    public double? TailHitRate =>
        (TailHits ?? TailMisses) is null || (TailHits ?? 0) + (TailMisses ?? 0) <= 0 ? null : (TailHits ?? 0) / ((TailHits ?? 0) + (TailMisses ?? 0));
}
