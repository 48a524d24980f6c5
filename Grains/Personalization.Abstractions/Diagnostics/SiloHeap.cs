namespace Personalization.Abstractions.Diagnostics;

/// <summary>
/// One reading of a silo's managed memory: live GC heap bytes, committed bytes, process working set, GC counts, and how
/// many activations are in Orleans' working set (those active in about the last 10–15 s; each costs the heap about 170
/// bytes more while it is in it; -1 when the silo cannot say).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.SiloHeap.v1")]
public sealed record SiloHeap(
    [property: Id(0)] long HeapBytes,
    [property: Id(1)] long CommittedBytes,
    [property: Id(2)] long WorkingSetBytes,
    [property: Id(3)] int Gen2Collections,
    [property: Id(4)] int RecentlyActiveActivations = -1);
