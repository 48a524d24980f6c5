using Personalization.Bench.Durable;

namespace Personalization.Bench.Perf;

/// <summary>Everything one <c>perf</c> run measured, and the ratios the goals are stated in.</summary>
public sealed class PerfResults(PerfSizes sizes, bool quick)
{
    public PerfSizes Sizes => sizes;
    public bool Quick => quick;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public double TotalSeconds { get; set; }
    public List<LoadResult> Runs { get; } = [];
    public List<MemoryReading> Memory { get; } = [];
    public List<CatalogReading> Catalog { get; } = [];
    public DurableBenchmark.Result? Durable { get; set; }

    /// <summary>Recommendations served by the user grains up to the end of the recommend scenario, and their mean time inside the silo.</summary>
    public (long Count, double MeanMs)? SiloRecommend { get; set; }

    /// <summary>Why a scenario did not run (e.g. redis-server missing), by scenario name.</summary>
    public Dictionary<string, string> Skipped { get; } = [];

    /// <summary>The run of a scenario at the headline concurrency.</summary>
    public LoadResult? Headline(string scenario) =>
        Runs.FirstOrDefault(r => r.Scenario == scenario && r.Concurrency == sizes.Concurrency);

    public double? IngestVsPing => Ratio(Headline("ingest")?.Throughput, Headline("ping")?.Throughput);
    public double? RecommendVsPing => Ratio(Headline("recommend")?.Throughput, Headline("ping")?.Throughput);
    public double? RecommendP99Ms => Headline("recommend")?.P99Ms;
    public double? DurableVsRawUpsert => Durable is { } d ? Ratio(d.DurableEventsPerSecond, d.RawUpsertsPerSecond) : null;
    public double? StorageTxPerEvent => Durable?.TransactionsPerEvent;

    /// <summary>The cluster's mixed workload against the Redis peer's, same operation mix and concurrency.</summary>
    public double? OrleansVsRedisPeer => Ratio(Headline("mixed")?.Throughput, Headline("peer")?.Throughput);

    /// <summary>Throughput of the traced silo over the untraced one: the median of the rounds' paired ratios (1 = no cost).</summary>
    public double? TracedVsUntracedIngest => TracingRatio("ingest", r => r.Throughput);

    public double? TracedVsUntracedRecommend => TracingRatio("recommend", r => r.Throughput);

    /// <summary>Silo CPU time per operation of the traced silo over the untraced one: the median of the rounds' paired ratios (1 = no cost).</summary>
    public double? TracedVsUntracedIngestCpu => TracingRatio("ingest", r => r.SiloCpuMicroseconds);

    public double? TracedVsUntracedRecommendCpu => TracingRatio("recommend", r => r.SiloCpuMicroseconds);

    /// <summary>Round i's traced run over its untraced run (both ran back to back), median over the rounds.</summary>
    private double? TracingRatio(string workload, Func<LoadResult, double?> measure)
    {
        var on = Runs.Where(r => r.Scenario == $"tracing-{workload}-on").Select(measure).ToList();
        var off = Runs.Where(r => r.Scenario == $"tracing-{workload}-off").Select(measure).ToList();
        var ratios = on.Zip(off, (a, b) => Ratio(a, b)).OfType<double>().Where(x => x > 0).Order().ToList();
        if (ratios.Count == 0) return null;
        var mid = ratios.Count / 2;
        return ratios.Count % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
    }

    /// <summary>Heap per active user at the largest memory measurement.</summary>
    public double? BytesPerUser => Memory.Count > 0 ? Memory.MaxBy(m => m.Users)!.BytesPerUser : null;

    /// <summary>Median recommend latency at the largest model over that at the smallest (1M vs 10k in a full run).</summary>
    public double? CatalogLargestVsSmallest =>
        Catalog.Count >= 2 ? Ratio(Catalog.MaxBy(c => c.Tracks)!.Result.P50Ms, Catalog.MinBy(c => c.Tracks)!.Result.P50Ms) : null;

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
}
