namespace Personalization.Bench.Scale;

/// <summary>
/// How big `Bench -- scale-ingest` runs: the Zipf catalogue the events draw from, the distinct listeners, the idle
/// interval that measures the cluster's background messages, the warm-up (every listener's grain activated, not
/// recorded) and the timed window.
/// </summary>
public sealed record IngestSizes(int Tracks, int Listeners, TimeSpan Idle, TimeSpan Warmup, TimeSpan Duration)
{
    /// <summary>Issue #19's ingest measurement: 20,000 listeners over a 1M-track Zipf catalogue, one minute timed.</summary>
    public static IngestSizes Full { get; } = new(1_000_000, 20_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));

    /// <summary>The CI smoke run: the same steps, seconds long.</summary>
    public static IngestSizes Quick { get; } = new(100_000, 2_000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
}
