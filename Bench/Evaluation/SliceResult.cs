using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>
/// What replaying one slice produced: metrics, novelty and recommend latency per model, the slice's sizes, and — when a
/// model logged propensities — counterfactual HR@1 estimates of every model from its log (<see cref="OffPolicyLogger"/>).
/// </summary>
public sealed record SliceResult(
    string Name,
    int Events,
    int WarmupEvents,
    int DuplicatesDropped,
    IReadOnlySet<string> KnownTrackIds,
    IReadOnlyDictionary<string, RankMetrics> Metrics,
    IReadOnlyDictionary<string, LatencyRecorder> Latency,
    IReadOnlyDictionary<string, NoveltyMetrics>? Novelty = null,
    string? OffPolicyLogger = null,
    IReadOnlyDictionary<string, OffPolicyEstimator>? OffPolicy = null)
{
    public int KnownTracks => KnownTrackIds.Count;

    /// <summary>Rows the reader could not use (skipped before the replay).</summary>
    public RowProblems Unreadable { get; init; } = new();

    /// <summary>Rows a model refused while recording (the replay went on without them for that model).</summary>
    public RowProblems Refused { get; init; } = new();
}
