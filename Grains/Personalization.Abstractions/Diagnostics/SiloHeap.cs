namespace Personalization.Abstractions.Diagnostics;

/// <summary>
/// One reading of a silo's managed memory: live GC heap bytes, committed bytes, process working set, GC counts, and how
/// many activations are in Orleans' working set (those active in about the last 10–15 s; each costs the heap about 170
/// bytes more while it is in it; -1 when the silo cannot say). The process-lifetime GC totals (collections per
/// generation, pause time, bytes allocated) let a caller difference two readings around a load.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.SiloHeap.v1")]
public sealed record SiloHeap(
    [property: Id(0)] long HeapBytes,
    [property: Id(1)] long CommittedBytes,
    [property: Id(2)] long WorkingSetBytes,
    [property: Id(3)] int Gen2Collections,
    [property: Id(4)] int RecentlyActiveActivations = -1,
    [property: Id(5)] int Gen0Collections = 0,
    [property: Id(6)] int Gen1Collections = 0,
    [property: Id(7)] double GcPauseMilliseconds = 0,
    [property: Id(8)] long AllocatedBytes = 0);
