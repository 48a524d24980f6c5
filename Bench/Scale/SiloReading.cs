using Personalization.Abstractions.Diagnostics;

namespace Personalization.Bench.Scale;

/// <summary>
/// One silo process of a phase: the model shards it hosts, its GC heap after a forced full compacting collection
/// before the seed, once its read model caught up, and after the timed phase (null: not measurable), and its
/// model metrics once caught up.
/// </summary>
public sealed record SiloReading(int Pid, int SiloPort, int ShardsHosted, SiloHeap? Baseline, SiloHeap? AfterSeed, SiloHeap? AfterTimed, SiloModelMetrics Metrics)
{
    /// <summary>What the model added to the silo's heap: heap once caught up − heap before the seed (both after a full collection).</summary>
    public long? ModelHeapBytes => Baseline is { } before && AfterSeed is { } after ? after.HeapBytes - before.HeapBytes : null;
}
