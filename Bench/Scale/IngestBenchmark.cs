using System.Diagnostics;
using System.Globalization;
using Personalization.Bench.Perf;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Scale;

/// <summary>
/// `Bench -- scale-ingest` (issue #19): listening events with learning through the Orleans client into 1 silo process,
/// then into 3 (<see cref="ScaleCluster"/>: memory storage, no checkpoints, no re-ranker; shards spread before any load).
/// In each: the silos' background messages over an idle interval, a closed loop of <see cref="IngestRun.Callers"/>
/// callers (<see cref="IngestListeners"/>; a warm-up that activates every listener, not recorded), then the timed window,
/// with the silos' counters read right before and right after it: silo-to-silo and gateway messages, events ingested,
/// CPU. Then it waits until every silo's feed handed its observations to the shards and reads what they learned.
/// </summary>
public static class IngestBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task<IngestResult> RunAsync(IngestRun run, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(log);
        var startedAt = DateTimeOffset.UtcNow;
        var loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : null;
        var total = Stopwatch.StartNew();
        log.WriteLine(Line($"scale-ingest: {run.Sizes.Listeners:N0} listeners, {run.Sizes.Tracks:N0} tracks (Zipf 1), {run.Callers} callers; ")
            + Line($"idle {run.Sizes.Idle.TotalSeconds:F0} s, warm-up {run.Sizes.Warmup.TotalSeconds:F0} s, timed {run.Sizes.Duration.TotalSeconds:F0} s; load average {loadAverage ?? "n/a"}"));
        using var owned = new OwnedProcesses();
        var phases = new List<IngestPhase>();
        foreach (var silos in IngestRun.SiloCounts) phases.Add(await RunPhaseAsync(owned, run, silos, log));
        return new IngestResult(startedAt, total.Elapsed.TotalSeconds, run, loadAverage, Environment.ProcessorCount, phases);
    }

    private static async Task<IngestPhase> RunPhaseAsync(OwnedProcesses owned, IngestRun run, int silos, TextWriter log)
    {
        log.WriteLine(Line($"phase '{silos} silo(s)':"));
        var cluster = await ScaleCluster.StartAsync(owned, run.Sizes.Tracks, run.Settings, silos, headTracks: null, log);
        try
        {
            await using var client = await PerfClient.ConnectAsync(cluster.GatewayPorts, cluster.ClusterId);
            var probes = await SiloProbes.FindAsync(client.Grains, [.. cluster.Silos.Select(s => s.SiloPort)]);
            var shards = await probes.WaitForSpreadAsync(run.Shards, silos, TimeSpan.FromSeconds(90));
            log.WriteLine(Line($"  shards: {string.Join(" / ", shards.Values)} (silo ports {string.Join(", ", shards.Keys)})"));

            var clock = Stopwatch.StartNew();
            var idleFrom = await ReadAsync(cluster.Silos);
            await Task.Delay(run.Sizes.Idle); // the interval itself is the measurement: background messages with no load
            var idle = Sum(await ReadAsync(cluster.Silos), idleFrom);
            var idleSeconds = clock.Elapsed.TotalSeconds;

            var listeners = new IngestListeners(client.Grains, $"si{cluster.Silos[0].SiloPort}-", run.Sizes.Listeners, run.Sizes.Tracks, run.Callers);
            var warmup = await LoadRunner.RunAsync("scale-ingest warm-up", run.Callers, TimeSpan.Zero, run.Sizes.Warmup, listeners.Complete());
            listeners.TakeApplied();
            await DrainAsync(cluster.Silos); // the warm-up's observations learned before the window starts
            log.WriteLine(Line($"  warm-up: {warmup.Operations:N0} events at {warmup.Throughput:N0}/s"));

            var before = await ReadAsync(cluster.Silos);
            var loadCpu = ProcessCpu.Seconds(Environment.ProcessId);
            clock.Restart();
            var timed = await LoadRunner.RunAsync("scale-ingest", run.Callers, TimeSpan.Zero, run.Sizes.Duration, listeners.Complete());
            var after = await ReadAsync(cluster.Silos);
            var windowSeconds = clock.Elapsed.TotalSeconds;
            var loadCpuSeconds = ProcessCpu.Seconds(Environment.ProcessId) - loadCpu ?? 0;
            var applied = listeners.TakeApplied();
            clock.Restart();
            var drained = await DrainAsync(cluster.Silos);
            var drainSeconds = clock.Elapsed.TotalSeconds;

            var perSilo = cluster.Silos.Select((s, i) => new IngestSilo(s.Pid, s.SiloPort, shards.GetValueOrDefault(s.SiloPort), after[i].Since(before[i]))).ToList();
            var phase = new IngestPhase(perSilo, idleSeconds, idle, timed, applied, windowSeconds, Sum(after, before), Sum(drained, before), drainSeconds, loadCpuSeconds);
            log.WriteLine(Line($"  timed: {phase.Events:N0} events in {timed.Seconds:F1} s = {phase.EventsPerSecond:N0}/s, p50 {timed.P50Ms:F2} ms, p99 {timed.P99Ms:F2} ms, {timed.Errors} errors; ")
                + Line($"silo-to-silo {phase.SiloToSiloPerEvent:F3}/event (idle {phase.IdleSiloToSiloPerSecond:F0}/s), observations learned {phase.ObservationsPerEvent:F3}/event"));
            return phase;
        }
        finally
        {
            cluster.Stop(owned);
        }
    }

    /// <summary>
    /// Waits until every silo's feed has handed all it published to the shards (published = applied + dropped) and
    /// nothing more was published since the last poll; returns the counters then.
    /// </summary>
    private static async Task<IngestCounters[]> DrainAsync(IReadOnlyList<SiloProcess> silos)
    {
        var clock = Stopwatch.StartNew();
        var previous = await ReadAsync(silos);
        while (true)
        {
            await Task.Delay(Poll); // the feeds flush on their own timer: poll their counters
            var current = await ReadAsync(silos);
            if (current.Select((c, i) => c.ObservationsQueued == 0 && c.ObservationsPublished == previous[i].ObservationsPublished).All(done => done)) return current;
            if (clock.Elapsed > DrainTimeout)
            {
                throw new TimeoutException(Line($"scale-ingest: the silos' feeds still held {current.Sum(c => c.ObservationsQueued):N0} observations after {DrainTimeout.TotalSeconds:F0} s."));
            }

            previous = current;
        }
    }

    private static async Task<IngestCounters[]> ReadAsync(IReadOnlyList<SiloProcess> silos) =>
        await Task.WhenAll(silos.Select(async s => IngestCounters.Read(await s.MetricsAsync(), ProcessCpu.Seconds(s.Pid))));

    private static IngestCounters Sum(IngestCounters[] after, IngestCounters[] before) => IngestCounters.Sum(after.Select((a, i) => a.Since(before[i])));

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
