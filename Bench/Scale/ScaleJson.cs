using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Bench.Scale;

/// <summary>
/// The run as JSON: <c>ratios.per_silo_model_heap_vs_full_replica</c> (the largest silo) and the tail-anchored p50 at
/// the top, then every phase with its silos (bytes), latencies (ms) and tail cache reads (null: not exported).
/// </summary>
public static class ScaleJson
{
    public static string Render(ScaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var run = result.Run;
        var root = new JsonObject
        {
            ["ratios"] = new JsonObject
            {
                ["per_silo_model_heap_vs_full_replica"] = Round(result.WorstHeapVsReplica, 3),
                ["per_silo_model_estimate_vs_full_replica"] = Round(result.WorstEstimateVsReplica, 3),
                ["per_silo_model_heap_vs_full_replica_even_shards"] = Round(result.EvenSpreadHeapVsReplica, 3),
            },
            ["tail_p50_ms"] = Round(result.Partitioned.Latency.Tail.P50Ms, 3),
            ["tail_cache_hit_rate"] = Round(result.Partitioned.TailHitRate, 4),
            ["goals"] = new JsonObject { ["per_silo_model_heap_vs_full_replica"] = ScaleReport.HeapGoal, ["tail_p50_ms"] = ScaleReport.TailP50GoalMs },
            ["size"] = run.Quick ? "quick" : "full",
            ["started_at"] = result.StartedAt.ToString("O"),
            ["total_seconds"] = Math.Round(result.TotalSeconds, 1),
            ["tracks"] = run.Sizes.Tracks,
            ["source_tracks"] = result.SourceTracks,
            ["head_tracks"] = run.HeadTracks,
            ["head_ranks"] = run.HeadRanks,
            ["head_anchor_ranks_below"] = run.HeadAnchorRanks,
            ["tail_anchor_ranks_from"] = run.TailAnchorFrom,
            ["listeners_per_kind"] = run.Sizes.ListenersPerKind,
            ["events_per_listener"] = run.Sizes.EventsPerListener,
            ["rounds"] = run.Sizes.Rounds,
            ["settings"] = new JsonObject(run.Settings.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["heap_without_shards_bytes"] = result.ShardFit is { } fit ? Math.Round(fit.Base) : null,
            ["heap_per_shard_bytes"] = result.ShardFit is { } f ? Math.Round(f.PerShard) : null,
            ["phases"] = new JsonArray(Phase(result, result.Partitioned), Phase(result, result.Replica)),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static JsonObject Phase(ScaleResult result, ScalePhase phase)
    {
        var silos = new JsonArray();
        foreach (var s in phase.Silos)
        {
            var m = s.Metrics;
            silos.Add(new JsonObject
            {
                ["pid"] = s.Pid,
                ["silo_port"] = s.SiloPort,
                ["shards_hosted"] = s.ShardsHosted,
                ["heap_before_seed_bytes"] = s.Baseline?.HeapBytes,
                ["heap_after_seed_bytes"] = s.AfterSeed?.HeapBytes,
                ["heap_after_timed_bytes"] = s.AfterTimed?.HeapBytes,
                ["working_set_after_seed_bytes"] = s.AfterSeed?.WorkingSetBytes,
                ["model_heap_bytes"] = s.ModelHeapBytes,
                ["model_heap_vs_full_replica"] = Round(result.HeapVsReplica(s), 3),
                ["estimated_shards_bytes"] = m.EstimatedShardBytes,
                ["estimated_read_model_bytes"] = m.EstimatedReadModelBytes,
                ["estimated_bytes"] = m.EstimatedBytes,
                ["estimate_vs_full_replica"] = Round(result.EstimateVsReplica(s), 3),
                ["read_model_tracks"] = m.Tracks,
                ["read_model_source_tracks"] = m.SourceTracks,
            });
        }

        var l = phase.Latency;
        return new JsonObject
        {
            ["name"] = phase.Name,
            ["silos"] = phase.Silos.Count,
            ["head_tracks"] = phase.HeadTracks,
            ["observations"] = phase.Observations,
            ["seed_seconds"] = Math.Round(phase.SeedSeconds, 1),
            ["catch_up_seconds"] = Math.Round(phase.CatchUpSeconds, 1),
            ["listener_events_applied"] = phase.EventsApplied,
            ["callers"] = l.Callers,
            ["timed_seconds"] = Math.Round(l.Seconds, 2),
            ["failed_calls"] = l.Failed,
            ["head"] = Latency(l.Head),
            ["tail"] = Latency(l.Tail),
            ["tail_first_round"] = Latency(l.TailFirstRound),
            ["inside_silo_mean_ms"] = Round(phase.InsideSiloMeanMs, 3),
            ["tail_cache_hits"] = phase.TailHits,
            ["tail_cache_misses"] = phase.TailMisses,
            ["tail_cache_hit_rate"] = Round(phase.TailHitRate, 4),
            ["tail_cache_keys"] = phase.TailCacheKeys,
            ["silo_readings"] = silos,
        };
    }

    private static JsonObject Latency(LatencyReading l) => new()
    {
        ["calls"] = l.Calls,
        ["p50_ms"] = Math.Round(l.P50Ms, 3),
        ["p99_ms"] = Math.Round(l.P99Ms, 3),
        ["max_ms"] = Math.Round(l.MaxMs, 3),
        ["items_per_list"] = Math.Round(l.ItemsPerList, 2),
    };

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
