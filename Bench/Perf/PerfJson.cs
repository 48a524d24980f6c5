using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Bench.Perf;

/// <summary>
/// The run as JSON: the keys at the top (<c>ratios</c>, <c>recommend_p99_ms</c>, <c>bytes_per_user</c>,
/// <c>catalog_latency_1m_vs_10k</c>, <c>storage_tx_per_event</c>; null when not measured), then every measurement.
/// </summary>
public static class PerfJson
{
    public static string Render(PerfResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var root = new JsonObject
        {
            ["ratios"] = new JsonObject
            {
                ["ingest_vs_ping"] = Round(r.IngestVsPing),
                ["recommend_vs_ping"] = Round(r.RecommendVsPing),
                ["durable_vs_raw_upsert"] = Round(r.DurableVsRawUpsert),
                ["orleans_vs_redis_peer"] = Round(r.OrleansVsRedisPeer),
                ["traced_vs_untraced_ingest"] = Round(r.TracedVsUntracedIngest),
                ["traced_vs_untraced_recommend"] = Round(r.TracedVsUntracedRecommend),
                ["traced_vs_untraced_ingest_cpu"] = Round(r.TracedVsUntracedIngestCpu),
                ["traced_vs_untraced_recommend_cpu"] = Round(r.TracedVsUntracedRecommendCpu),
            },
            ["recommend_p99_ms"] = Round(r.RecommendP99Ms),
            ["bytes_per_user"] = Round(r.BytesPerUser),
            ["catalog_latency_1m_vs_10k"] = Round(r.CatalogLargestVsSmallest),
            ["storage_tx_per_event"] = Round(r.StorageTxPerEvent),
            ["mode"] = r.Quick ? "quick" : "full",
            ["started_at"] = r.StartedAt.ToString("O"),
            ["total_seconds"] = Round(r.TotalSeconds),
            ["machine"] = new JsonObject
            {
                ["processors"] = Environment.ProcessorCount,
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            },
            ["headline_concurrency"] = r.Sizes.Concurrency,
            ["silo_recommend_mean_ms"] = Round(r.SiloRecommend?.MeanMs),
            ["catalog_compared_tracks"] = r.Catalog.Count >= 2 ? new JsonArray(r.Catalog.Min(c => c.Tracks), r.Catalog.Max(c => c.Tracks)) : null,
            ["scenarios"] = new JsonArray([.. r.Runs.Select(Run)]),
            ["memory"] = new JsonArray([.. r.Memory.Select(m => (JsonNode)new JsonObject
            {
                ["users"] = m.Users,
                ["heap_before_bytes"] = m.HeapBeforeBytes,
                ["heap_after_bytes"] = m.HeapAfterBytes,
                ["bytes_per_user"] = Round(m.BytesPerUser),
                ["bytes_per_user_right_after"] = Round(m.BytesPerUserAfter),
                ["recently_active_right_after"] = m.RecentlyActiveAfter,
                ["heap_settled_bytes"] = m.SettledHeapBytes,
                ["recently_active_settled"] = m.RecentlyActiveSettled,
                ["settle_seconds"] = Round(m.SettleSeconds),
                ["active_user_grains"] = m.ActiveUserGrains,
                ["working_set_after_bytes"] = m.WorkingSetAfterBytes,
                ["seed_seconds"] = Round(m.SeedSeconds),
            })]),
            ["catalog"] = new JsonArray([.. r.Catalog.Select(c => (JsonNode)new JsonObject
            {
                ["tracks"] = c.Tracks,
                ["seed_seconds"] = Round(c.SeedSeconds),
                ["silo_heap_bytes"] = c.HeapBytes,
                ["result"] = Run(c.Result),
            })]),
            ["durable"] = r.Durable is { } d ? new JsonObject
            {
                ["raw_upserts_per_second"] = Round(d.RawUpsertsPerSecond),
                ["durable_events_per_second"] = Round(d.DurableEventsPerSecond),
                ["events"] = d.Events,
                ["transactions"] = d.Transactions,
                ["transactions_per_event"] = Round(d.TransactionsPerEvent),
            } : null,
            ["skipped"] = new JsonObject([.. r.Skipped.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)JsonValue.Create(s.Value)))]),
            ["goals"] = new JsonArray([.. PerfGoals.Evaluate(r).Select(g => (JsonNode)new JsonObject
            {
                ["goal"] = g.Goal,
                ["measured"] = g.Measured,
                ["met"] = g.Met,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Run(LoadResult x) => new()
    {
        ["scenario"] = x.Scenario,
        ["concurrency"] = x.Concurrency,
        ["operations"] = x.Operations,
        ["errors"] = x.Errors,
        ["seconds"] = Round(x.Seconds),
        ["throughput_per_second"] = Round(x.Throughput),
        ["p50_ms"] = Round(x.P50Ms),
        ["p99_ms"] = Round(x.P99Ms),
        ["p999_ms"] = Round(x.P999Ms),
        ["max_ms"] = Round(x.MaxMs),
        ["first_error"] = x.FirstError,
        ["silo_cpu_us_per_op"] = Round(x.SiloCpuMicroseconds),
        ["silo_gc"] = x.SiloGc is { } gc
            ? new JsonObject
            {
                ["gen0"] = gc.Gen0,
                ["gen1"] = gc.Gen1,
                ["gen2"] = gc.Gen2,
                ["pause_ms"] = Round(gc.PauseMs),
                ["pause_share"] = Round(gc.PauseShare),
                ["pause_us_per_op"] = Round(gc.PauseMicrosecondsPerOperation),
                ["allocated_bytes_per_op"] = Round(gc.AllocatedBytesPerOperation),
            }
            : null,
    };

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;
}
