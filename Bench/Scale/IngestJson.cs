using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Bench.Scale;

/// <summary>
/// `Bench -- scale-ingest` as JSON: the events/s ratio of the largest cluster to one silo at the top, then each cluster
/// with its throughput, latency (ms), messages per event, what the shards learned, and each silo's window counters.
/// </summary>
public static class IngestJson
{
    public static string Render(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var run = result.Run;
        var root = new JsonObject
        {
            ["events_per_second_ratio"] = Round(result.ThroughputRatio, 3),
            ["size"] = run.Quick ? "quick" : "full",
            ["started_at"] = result.StartedAt.ToString("O"),
            ["total_seconds"] = Math.Round(result.TotalSeconds, 1),
            ["processors"] = result.ProcessorCount,
            ["load_average_before"] = result.LoadAverageBefore,
            ["tracks"] = run.Sizes.Tracks,
            ["listeners"] = run.Sizes.Listeners,
            ["callers"] = run.Callers,
            ["idle_seconds"] = run.Sizes.Idle.TotalSeconds,
            ["warmup_seconds"] = run.Sizes.Warmup.TotalSeconds,
            ["duration_seconds"] = run.Sizes.Duration.TotalSeconds,
            ["settings"] = new JsonObject(run.Settings.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["phases"] = new JsonArray([.. result.Phases.Select(Phase)]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static JsonObject Phase(IngestPhase p)
    {
        var t = p.Timed;
        return new JsonObject
        {
            ["name"] = p.Name,
            ["silos"] = p.Silos.Count,
            ["events_acknowledged"] = p.Events,
            ["events_applied"] = p.EventsApplied,
            ["errors"] = t.Errors,
            ["first_error"] = t.FirstError,
            ["timed_seconds"] = Math.Round(t.Seconds, 2),
            ["events_per_second"] = Math.Round(p.EventsPerSecond, 1),
            ["p50_ms"] = Math.Round(t.P50Ms, 3),
            ["p99_ms"] = Math.Round(t.P99Ms, 3),
            ["p999_ms"] = Math.Round(t.P999Ms, 3),
            ["max_ms"] = Math.Round(t.MaxMs, 3),
            ["silo_to_silo_messages_per_event"] = Math.Round(p.SiloToSiloPerEvent, 4),
            ["silo_to_silo_messages_per_event_beyond_idle"] = Math.Round(p.SiloToSiloPerEventBeyondIdle, 4),
            ["idle_silo_to_silo_messages_per_second"] = Math.Round(p.IdleSiloToSiloPerSecond, 1),
            ["silo_to_silo_bytes_per_event"] = Math.Round(p.SiloToSiloBytesPerEvent, 1),
            ["gateway_messages_per_event"] = Math.Round(p.GatewayPerEvent, 4),
            ["observations_learned_per_event"] = Math.Round(p.ObservationsPerEvent, 4),
            ["silo_cpu_ms_per_event"] = Math.Round(p.SiloCpuMsPerEvent, 4),
            ["load_generator_cpu_seconds"] = Math.Round(p.LoadGeneratorCpuSeconds, 2),
            ["window_seconds"] = Math.Round(p.WindowSeconds, 2),
            ["drain_seconds"] = Math.Round(p.DrainSeconds, 2),
            ["window"] = Counters(p.Window),
            ["idle"] = Counters(p.Idle),
            ["learned"] = Counters(p.Learned),
            ["silo_readings"] = new JsonArray([.. p.Silos.Select(s => new JsonObject
            {
                ["pid"] = s.Pid,
                ["silo_port"] = s.SiloPort,
                ["shards_hosted"] = s.ShardsHosted,
                ["window"] = Counters(s.Window),
            })]),
        };
    }

    private static JsonObject Counters(IngestCounters c) => new()
    {
        ["silo_to_silo_sent"] = c.SiloToSiloSent,
        ["silo_to_silo_received"] = c.SiloToSiloReceived,
        ["silo_to_silo_sent_requests"] = c.SiloToSiloSentRequests,
        ["silo_to_silo_sent_responses"] = c.SiloToSiloSentResponses,
        ["silo_to_silo_sent_one_way"] = c.SiloToSiloSentOneWay,
        ["silo_to_silo_sent_bytes"] = c.SiloToSiloSentBytes,
        ["gateway_received"] = c.GatewayReceived,
        ["gateway_sent"] = c.GatewaySent,
        ["membership_pings_sent"] = c.PingsSent,
        ["events_ingested"] = c.EventsIngested,
        ["observations_published"] = c.ObservationsPublished,
        ["observations_applied"] = c.ObservationsApplied,
        ["observations_dropped"] = c.ObservationsDropped,
        ["admission_admitted"] = c.AdmissionAdmitted,
        ["learner_track_keys"] = c.LearnerTrackKeys,
        ["cpu_seconds"] = Math.Round(c.CpuSeconds, 2),
    };

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
