namespace Personalization.Bench.Perf;

/// <summary>How big and how long each scenario of <c>perf</c> runs: <see cref="Full"/> for the record, <see cref="Quick"/> for CI.</summary>
public sealed record PerfSizes
{
    /// <summary>Closed-loop callers for the headline figures (the ratios compare scenarios at this concurrency).</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Further concurrencies measured for the latency-vs-throughput curves (empty: the headline only).</summary>
    public IReadOnlyList<int> Sweep { get; init; } = [8, 256];

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3); // long enough for tiered JIT to reach optimized code
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Distinct users the ingest scenario writes to (cold: they are activated by the load).</summary>
    public int IngestUsers { get; init; } = 100_000;

    /// <summary>Warm users (200-event history, in a session) asked for recommendations.</summary>
    public int WarmUsers { get; init; } = 10_000;

    public int HistoryEvents { get; init; } = 200;

    /// <summary>Tracks in the model for the recommend and mixed scenarios.</summary>
    public int RecommendCatalog { get; init; } = 50_000;

    /// <summary>Users activated by the memory scenario (one measurement each, in this order).</summary>
    public IReadOnlyList<int> MemoryUsers { get; init; } = [100_000, 1_000_000];

    /// <summary>How long the memory scenario waits for Orleans' working set to settle (see <see cref="MemoryReading"/>); zero: not at all.</summary>
    public TimeSpan MemorySettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Model sizes of the catalog scenario; the first and the last are compared.</summary>
    public IReadOnlyList<int> CatalogTracks { get; init; } = [10_000, 100_000, 1_000_000];

    /// <summary>Users asked for recommendations in the catalog scenario (their histories use the first catalog's tracks).</summary>
    public int CatalogUsers { get; init; } = 2_000;

    /// <summary>Closed-loop callers of the catalog scenario: low, so it measures latency rather than queueing.</summary>
    public int CatalogConcurrency { get; init; } = 8;

    public TimeSpan DurableDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int DurableUsers { get; init; } = 2_000;
    public int DurableConcurrency { get; init; } = 512;

    public static PerfSizes Full { get; } = new();

    /// <summary>Small and short: the whole command in under a minute on a 2-core machine (a smoke test, not a measurement).</summary>
    public static PerfSizes Quick { get; } = new()
    {
        Sweep = [],
        Warmup = TimeSpan.FromSeconds(0.5),
        Duration = TimeSpan.FromSeconds(1),
        IngestUsers = 5_000,
        WarmUsers = 1_000,
        RecommendCatalog = 50_000,
        MemoryUsers = [5_000],
        MemorySettleTimeout = TimeSpan.Zero,
        CatalogTracks = [10_000, 100_000],
        CatalogUsers = 500,
        DurableDuration = TimeSpan.FromSeconds(2),
        DurableUsers = 500,
        DurableConcurrency = 128,
    };
}
