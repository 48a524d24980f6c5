namespace Personalization.Bench.Scale;

/// <summary>
/// The timed phase: head-anchored and tail-anchored recommendation latency, and the tail-anchored calls of the first
/// round alone (every tail listener's first request: its anchors were never asked for before); the callers, the
/// phase's duration and calls that failed (not timed).
/// </summary>
public sealed record AnchoredLatencyResult(int Callers, LatencyReading Head, LatencyReading Tail, LatencyReading TailFirstRound, double Seconds, long Failed);
