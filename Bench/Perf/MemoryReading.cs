namespace Personalization.Bench.Perf;

/// <summary>Silo GC heap (after a full compacting collection) before and after activating <see cref="Users"/> users.</summary>
public sealed record MemoryReading(int Users, long HeapBeforeBytes, long HeapAfterBytes, long ActiveUserGrains, long WorkingSetAfterBytes, double SeedSeconds)
{
    public double BytesPerUser => Users > 0 ? (HeapAfterBytes - HeapBeforeBytes) / (double)Users : 0;
}
