namespace Personalization.Abstractions.Diagnostics;

/// <summary>One reading of a silo's managed memory: live GC heap bytes, committed bytes, process working set, GC counts.</summary>
[GenerateSerializer, Immutable, Alias("pzn.SiloHeap.v1")]
public sealed record SiloHeap(
    [property: Id(0)] long HeapBytes,
    [property: Id(1)] long CommittedBytes,
    [property: Id(2)] long WorkingSetBytes,
    [property: Id(3)] int Gen2Collections);
