using System.Globalization;

namespace Personalization.Bench.Scale;

/// <summary>The run as Markdown tables: memory per silo process against the full replica, then latency and the tail cache.</summary>
public static class ScaleReport
{
    /// <summary>Issue #19's goals.</summary>
    public const double HeapGoal = 0.40;
    public const double TailP50GoalMs = 2.0;

    public static string Render(ScaleResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var run = r.Run;
        var lines = new List<string>
        {
            Line($"Catalogue: {run.Sizes.Tracks:N0} tracks, Zipf(1), {r.SourceTracks:N0} with successors; {r.Partitioned.Observations:N0} observations. ")
                + Line($"Head = Zipf rank < {run.HeadRanks:N0}{(run.HeadTracks is null ? " (assumed; the silos ran their default HeadTracks)" : "")}; ")
                + Line($"head-anchored listeners play ranks < {run.HeadAnchorRanks:N0}, tail-anchored ranks ≥ {run.TailAnchorFrom:N0}. Run took {r.TotalSeconds:F0} s."),
            "",
            "Model memory per silo process (heap: GC heap after a forced full compacting collection once the read model caught up, minus the same before the seed;",
            "estimate: `personalization_model_memory_estimated_bytes`, all parts):",
            "",
            "| phase | silo (pid) | HeadTracks | shards hosted | model heap (MB) | heap ÷ full replica | estimate: shards + read model = all (MB) | estimate ÷ full replica | read model: tracks / sources | heap after timed phase (MB) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var phase in new[] { r.Partitioned, r.Replica })
        {
            foreach (var s in phase.Silos)
            {
                var m = s.Metrics;
                lines.Add(Line($"| {phase.Name} | {s.Pid} | {HeadTracks(phase.HeadTracks)} | {s.ShardsHosted} | {Mb(s.ModelHeapBytes)} | {Ratio(r.HeapVsReplica(s))} | ")
                    + Line($"{Mb(m.EstimatedShardBytes)} + {Mb(m.EstimatedReadModelBytes)} = {Mb(m.EstimatedBytes)} | {Ratio(r.EstimateVsReplica(s))} | {Count(m.Tracks)} / {Count(m.SourceTracks)} | {Mb(s.AfterTimed?.HeapBytes)} |"));
            }
        }

        lines.Add("");
        lines.Add(Line($"**Per-silo model heap ÷ full replica: {Ratio(r.WorstHeapVsReplica)} (the largest silo; goal ≤ {HeapGoal:F2})**; estimate: {Ratio(r.WorstEstimateVsReplica)}."));
        lines.Add(r.ShardFit is { } fit
            ? Line($"Shards as Orleans placed them ({string.Join(" / ", r.Partitioned.Silos.Select(s => s.ShardsHosted))}); fitted over the silos: {fit.Base / 1e6:N0} MB without shards + {fit.PerShard / 1e6:N0} MB a shard, ")
                + Line($"so with the {r.Run.Shards} shards spread evenly the largest silo would hold {Ratio(r.EvenSpreadHeapVsReplica)} of the full replica.")
            : Line($"Shards as Orleans placed them ({string.Join(" / ", r.Partitioned.Silos.Select(s => s.ShardsHosted))}): no fit of heap per shard (every silo hosts as many)."));
        lines.Add("");
        lines.Add(Line($"Recommendations (top 10) through the Orleans client, {run.Sizes.ListenersPerKind:N0} listeners of each kind with {run.Sizes.EventsPerListener} completed tracks each, ")
            + Line($"{run.Sizes.Rounds} rounds (every listener once a round, shuffled), p50 / p99 in ms:"));
        lines.Add("");
        lines.Add("| phase | callers | head-anchored | tail-anchored | tail, first round only | mean inside the silo (ms) | items per list head / tail | tail cache hit rate (timed phase) | tail cache keys after | seed / catch-up (s) |");
        lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in new[] { r.Partitioned, r.Replica })
        {
            var l = phase.Latency;
            lines.Add(Line($"| {phase.Name} | {l.Callers} | {Ms(l.Head)} | {Ms(l.Tail)} | {Ms(l.TailFirstRound)} | {Fixed(phase.InsideSiloMeanMs)} | {l.Head.ItemsPerList:F1} / {l.Tail.ItemsPerList:F1} | ")
                + Line($"{Share(phase.TailHitRate)}{Reads(phase)} | {Count(phase.TailCacheKeys)} | {phase.SeedSeconds:F0} / {phase.CatchUpSeconds:F0} |"));
        }

        lines.Add("");
        lines.Add(Line($"**Tail-anchored p50 at {r.Partitioned.Latency.Callers} callers ({r.Partitioned.Name}): {r.Partitioned.Latency.Tail.P50Ms:F2} ms (goal ≤ {TailP50GoalMs:F1} ms)**."));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    /// <summary>A share as a percentage, or n/a.</summary>
    public static string Share(double? share) => share is { } s ? Line($"{s:P1}") : "n/a";

    private static string Reads(ScalePhase phase) =>
        (phase.TailHits ?? phase.TailMisses) is null ? "" : Line($" ({phase.TailHits ?? 0:N0} hits, {phase.TailMisses ?? 0:N0} misses)");

    private static string HeadTracks(int? head) => head is { } h ? Line($"{h:N0}") : "default";

    private static string Ms(LatencyReading l) => Line($"{l.P50Ms:F2} / {l.P99Ms:F2}");

    private static string Mb(double? bytes) => bytes is { } b ? Line($"{b / 1e6:N0}") : "n/a";

    private static string Mb(long? bytes) => Mb((double?)bytes);

    private static string Fixed(double? value) => value is { } x ? Line($"{x:F3}") : "n/a";

    private static string Ratio(double? ratio) => ratio is { } x ? Line($"{x:F2}") : "n/a";

    private static string Count(double? n) => n is { } x ? Line($"{x:N0}") : "n/a";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
