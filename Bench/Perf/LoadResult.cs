namespace Personalization.Bench.Perf;

/// <summary>
/// One measured run of a scenario at one concurrency: throughput and latency percentiles (milliseconds), and the first
/// failure's type and message when some operations failed (tolerated up to 1%).
/// </summary>
public sealed record LoadResult(
    string Scenario,
    int Concurrency,
    long Operations,
    long Errors,
    double Seconds,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    string? FirstError = null)
{
    /// <summary>CPU time of the silo process per operation (warm-up included), where the scenario measured it.</summary>
    public double? SiloCpuMicroseconds { get; init; }

    /// <summary>What the silo's garbage collector did in the same window, where the scenario measured it.</summary>
    public SiloGc? SiloGc { get; init; }

    public double Throughput => Seconds > 0 ? Operations / Seconds : 0;
}
