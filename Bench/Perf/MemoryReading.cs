namespace Personalization.Bench.Perf;

/// <summary>
/// Silo GC heap (after a full compacting collection) before activating <see cref="Users"/> users, right after, and once
/// they have settled: Orleans keeps an activation used in about the last 10–15 s in its working set, which costs about
/// 170 bytes more per activation (measured in a heap dump) for those seconds. Right after a bulk activation the set
/// holds however many were activated in the last seconds, so that reading moves with the seeding's timing; the settled
/// one (the set holds ≤ 1 % of the users) is a listener's lasting cost, and is what the goal is checked against.
/// </summary>
public sealed record MemoryReading(
    int Users,
    long HeapBeforeBytes,
    long HeapAfterBytes,
    long ActiveUserGrains,
    long WorkingSetAfterBytes,
    double SeedSeconds,
    int RecentlyActiveAfter,
    long SettledHeapBytes,
    int RecentlyActiveSettled,
    double SettleSeconds)
{
    /// <summary>Right after activation (the working set still holds the recently activated).</summary>
    public double BytesPerUserAfter => Users > 0 ? (HeapAfterBytes - HeapBeforeBytes) / (double)Users : 0;

    /// <summary>Once the working set has settled: the lasting cost of an active listener.</summary>
    public double BytesPerUser => Users > 0 ? (SettledHeapBytes - HeapBeforeBytes) / (double)Users : 0;
}
