namespace Personalization.Bench.Scale;

/// <summary>Recommendation latency of one kind of request, end to end through the Orleans client, and the items a list held on average.</summary>
public sealed record LatencyReading(long Calls, double P50Ms, double P99Ms, double MaxMs, double ItemsPerList);
