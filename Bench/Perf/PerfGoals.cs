namespace Personalization.Bench.Perf;

/// <summary>The goals, each checked against one run's figures (null: not measured in this run).</summary>
public static class PerfGoals
{
    public static IReadOnlyList<(string Goal, string Measured, bool? Met)> Evaluate(PerfResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var peerP99 = r.Headline("peer")?.P99Ms;
        var mixedP99 = r.Headline("mixed")?.P99Ms;
        return
        [
            ("ingest >= 0.7 x ping", F(r.IngestVsPing, "x"), Met(r.IngestVsPing, v => v >= 0.7)),
            ("recommend >= 0.5 x ping", F(r.RecommendVsPing, "x"), Met(r.RecommendVsPing, v => v >= 0.5)),
            ("recommend p99 <= 10 ms", F(r.RecommendP99Ms, " ms"), Met(r.RecommendP99Ms, v => v <= 10)),
            ("durable ingest >= 5 x raw single-entity upsert", F(r.DurableVsRawUpsert, "x"), Met(r.DurableVsRawUpsert, v => v >= 5)),
            ("<= 0.05 storage transactions per event", F(r.StorageTxPerEvent, ""), Met(r.StorageTxPerEvent, v => v <= 0.05)),
            ("<= 8 KB heap per active user", r.BytesPerUser is { } b ? $"{b:N0} B" : "n/a", Met(r.BytesPerUser, v => v <= 8192)),
            ("recommend latency at the largest model <= 1.5 x at the smallest", F(r.CatalogLargestVsSmallest, "x"), Met(r.CatalogLargestVsSmallest, v => v <= 1.5)),
            ("mixed >= 3 x Redis peer throughput", F(r.OrleansVsRedisPeer, "x"), Met(r.OrleansVsRedisPeer, v => v >= 3)),
            ("... at equal or better p99", peerP99 is { } p && mixedP99 is { } m ? $"{m:F2} vs {p:F2} ms" : "n/a", peerP99 is { } q ? Met(mixedP99, v => v <= q) : null),
            ("tracing (default sampling) costs <= 5% ingest throughput", F(r.TracedVsUntracedIngest, "x"), Met(r.TracedVsUntracedIngest, v => v >= 0.95)),
            ("tracing (default sampling) costs <= 5% recommend throughput", F(r.TracedVsUntracedRecommend, "x"), Met(r.TracedVsUntracedRecommend, v => v >= 0.95)),
            ("... and <= 5% silo CPU per event", F(r.TracedVsUntracedIngestCpu, "x"), Met(r.TracedVsUntracedIngestCpu, v => v <= 1.05)),
            ("... and <= 5% silo CPU per recommendation", F(r.TracedVsUntracedRecommendCpu, "x"), Met(r.TracedVsUntracedRecommendCpu, v => v <= 1.05)),
        ];
    }

    private static bool? Met(double? value, Func<double, bool> rule) => value is { } v ? rule(v) : null;

    private static string F(double? value, string unit) => value is { } v ? $"{v:F2}{unit}" : "n/a";
}
