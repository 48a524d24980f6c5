namespace Personalization.Bench.Evaluation;

/// <summary>What replaying one slice produced: metrics and recommend latency per model, and the slice's sizes.</summary>
public sealed record SliceResult(
    string Name,
    int Events,
    int WarmupEvents,
    int DuplicatesDropped,
    IReadOnlySet<string> KnownTrackIds,
    IReadOnlyDictionary<string, RankMetrics> Metrics,
    IReadOnlyDictionary<string, LatencyRecorder> Latency)
{
    public int KnownTracks => KnownTrackIds.Count;
}
