namespace Personalization.Bench.Scale;

/// <summary>
/// What one silo's <c>/metrics</c> says about its share of the model: the read model's tracks and source tracks, the
/// model's estimated bytes (shards hosted here, read model, and every part together), the tail cache's keys and reads
/// (null: the silo does not export them: every list is local), seconds since the read model last caught up, and the
/// time its user grains spent answering recommendations so far (sum and count).
/// </summary>
public sealed record SiloModelMetrics(
    double? Tracks,
    double? SourceTracks,
    double? EstimatedShardBytes,
    double? EstimatedReadModelBytes,
    double? EstimatedBytes,
    double? TailCacheKeys,
    double? TailHits,
    double? TailMisses,
    double? StalenessSeconds,
    double? RecommendSeconds,
    double? Recommendations)
{
    public const string TailReads = "personalization_model_tail_reads_total";
    public const string TailCacheKeysGauge = "personalization_model_tail_cache_keys";
    private const string Estimated = "personalization_model_memory_estimated_bytes";
    private const string RecommendDuration = "personalization_recommendation_duration_seconds";

    public static SiloModelMetrics Read(string exposition)
    {
        var m = new MetricSamples(exposition);
        return new SiloModelMetrics(
            m.Sum("personalization_model_tracks"),
            m.Sum("personalization_model_source_tracks"),
            m.Sum(Estimated, "part", "shards"),
            m.Sum(Estimated, "part", "read_model"),
            m.Sum(Estimated),
            m.Sum(TailCacheKeysGauge),
            m.Sum(TailReads, "result", "hit"),
            m.Sum(TailReads, "result", "miss"),
            m.Sum("personalization_model_staleness_seconds"),
            m.Sum(RecommendDuration + "_sum"),
            m.Sum(RecommendDuration + "_count"));
    }
}
