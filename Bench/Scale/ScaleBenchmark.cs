using System.Diagnostics;
using System.Globalization;
using Personalization.Bench.Perf;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Scale;

/// <summary>
/// `Bench -- scale` (issue #19): a Zipf(1) catalogue (<see cref="ZipfSeed"/>) in <see cref="ScaleRun.Silos"/> silo
/// processes with the run's HeadTracks, then the same catalogue in one silo holding a full replica (HeadTracks
/// <see cref="ScaleRun.FullReplicaHeadTracks"/>). In each: the model heap of every silo process (GC heap after a forced
/// full collection, caught up minus before the seed) and the model's own estimate, then head- and tail-anchored
/// recommendation latency (<see cref="AnchoredLatency"/>) and the tail cache's hit rate over the timed phase.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<ScaleResult> RunAsync(ScaleRun run, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(log);
        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var seed = new ZipfSeed(run.Sizes.Tracks);
        log.WriteLine(Line($"scale: {run.Sizes.Tracks:N0} tracks (Zipf 1), {seed.Sources:N0} with successors, {seed.Observations:N0} observations; ")
            + Line($"head = rank < {run.HeadRanks:N0}{(run.HeadTracks is null ? " (assumed: the silos keep their default HeadTracks)" : "")}; ")
            + Line($"head anchors rank < {run.HeadAnchorRanks:N0}, tail anchors rank ≥ {run.TailAnchorFrom:N0}"));
        using var owned = new OwnedProcesses();
        var partitioned = await RunPhaseAsync(owned, run, seed, $"{ScaleRun.Silos} silos", ScaleRun.Silos, run.HeadTracks, log);
        var replica = await RunPhaseAsync(owned, run, seed, "full replica", 1, ScaleRun.FullReplicaHeadTracks, log);
        return new ScaleResult(startedAt, total.Elapsed.TotalSeconds, run, seed.Sources, partitioned, replica);
    }

    private static async Task<ScalePhase> RunPhaseAsync(OwnedProcesses owned, ScaleRun run, ZipfSeed seed, string name, int silos, int? headTracks, TextWriter log)
    {
        log.WriteLine($"phase '{name}':");
        var cluster = await ScaleCluster.StartAsync(owned, run, silos, headTracks, log);
        try
        {
            await using var client = await PerfClient.ConnectAsync(cluster.GatewayPorts, cluster.ClusterId);
            var probes = await SiloProbes.FindAsync(client.Grains, [.. cluster.Silos.Select(s => s.SiloPort)]);
            var spread = await probes.WaitForSpreadAsync(run.Shards, silos, TimeSpan.FromSeconds(90));
            log.WriteLine(Line($"  shards before the seed: {string.Join(" / ", spread.Values)} (silo ports {string.Join(", ", spread.Keys)})"));
            var baseline = await HeapsAsync(probes, cluster.Silos);

            var clock = Stopwatch.StartNew();
            var seeding = new ModelSeeding(client.Grains, run.Shards);
            var observations = await seeding.TeachAsync(seed, log);
            var seedSeconds = clock.Elapsed.TotalSeconds;
            var learnedAt = DateTimeOffset.UtcNow;
            log.WriteLine(Line($"  seed: {observations:N0} observations learned by the shards in {seedSeconds:F1} s"));
            clock.Restart();
            await ModelSeeding.WaitForReadModelsAsync(cluster.Silos, learnedAt);
            var catchUpSeconds = clock.Elapsed.TotalSeconds;
            await seeding.RefreshEstimatesAsync(seed, learnedAt);
            var caughtUp = await ModelSeeding.WaitForReadModelsAsync(cluster.Silos, DateTimeOffset.UtcNow); // the touch's lists too
            log.WriteLine(Line($"  read models caught up {catchUpSeconds:F1} s later: {string.Join("; ", caughtUp.Select(m => Line($"{m.Tracks:N0} tracks, {m.SourceTracks:N0} sources")))}"));
            var afterSeed = await HeapsAsync(probes, cluster.Silos);
            var shards = await probes.ShardsBySiloAsync(run.Shards);

            var latency = new AnchoredLatency(client.Grains, seed, run);
            var (warmup, measured, applied) = await latency.PrepareAsync($"sc{cluster.Silos[0].SiloPort}");
            await latency.WarmUpAsync(warmup);
            var before = await MetricsAsync(cluster.Silos);
            var timed = await latency.MeasureAsync(measured);
            var after = await MetricsAsync(cluster.Silos);
            var afterTimed = await HeapsAsync(probes, cluster.Silos);

            var readings = cluster.Silos.Select((s, i) => new SiloReading(s.Pid, s.SiloPort, shards.GetValueOrDefault(s.SiloPort), baseline[i], afterSeed[i], afterTimed[i], caughtUp[i])).ToList();
            var phase = new ScalePhase(name, headTracks, observations, seedSeconds, catchUpSeconds, readings, applied, timed,
                Delta(after, before, m => m.TailHits), Delta(after, before, m => m.TailMisses), Total(after, m => m.TailCacheKeys),
                Delta(after, before, m => m.RecommendSeconds) is { } seconds && Delta(after, before, m => m.Recommendations) is { } calls && calls > 0 ? seconds / calls * 1000 : null);
            log.WriteLine(Line($"  timed: {timed.Head.Calls + timed.Tail.Calls:N0} recommendations in {timed.Seconds:F1} s at {timed.Callers} callers; ")
                + Line($"head p50 {timed.Head.P50Ms:F2} ms, tail p50 {timed.Tail.P50Ms:F2} ms; tail cache hit rate {ScaleReport.Share(phase.TailHitRate)}"));
            return phase;
        }
        finally
        {
            cluster.Stop(owned);
        }
    }

    private static async Task<Abstractions.Diagnostics.SiloHeap?[]> HeapsAsync(SiloProbes probes, IReadOnlyList<SiloProcess> silos)
    {
        var heaps = new Abstractions.Diagnostics.SiloHeap?[silos.Count];
        for (var i = 0; i < silos.Count; i++) heaps[i] = await probes.HeapAfterFullCollectionAsync(silos[i].SiloPort); // one at a time: each collection blocks its process
        return heaps;
    }

    private static async Task<SiloModelMetrics[]> MetricsAsync(IReadOnlyList<SiloProcess> silos) =>
        await Task.WhenAll(silos.Select(async s => SiloModelMetrics.Read(await s.MetricsAsync())));

    /// <summary>
    /// The sum over the silos of a counter's growth; null when no silo exports it. A silo without a sample counts 0: an
    /// instrument is exported once it has recorded something, so a silo that served none of it may show none yet.
    /// </summary>
    private static double? Delta(SiloModelMetrics[] after, SiloModelMetrics[] before, Func<SiloModelMetrics, double?> counter) =>
        after.All(s => counter(s) is null) ? null : after.Select((s, i) => (counter(s) ?? 0) - (counter(before[i]) ?? 0)).Sum();

    /// <summary>The sum of a gauge over the silos; null when no silo exports it.</summary>
    private static double? Total(SiloModelMetrics[] silos, Func<SiloModelMetrics, double?> gauge) =>
        silos.All(s => gauge(s) is null) ? null : silos.Sum(s => gauge(s) ?? 0);

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
