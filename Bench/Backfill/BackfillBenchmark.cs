using System.Diagnostics;
using System.Globalization;
using Personalization.Abstractions;
using Personalization.Bench.Perf;
using Personalization.Import;

namespace Personalization.Bench.Backfill;

/// <summary>
/// <c>Bench -- backfill</c>: in one run against the same silo process(es), the perf harness's <c>ingest</c> scenario
/// (as <see cref="ClusterScenarios.IngestAsync"/> runs it: a first event to each of <see cref="BackfillSizes.IngestUsers"/>
/// users, then one event per call to the now warm users, <see cref="BackfillSizes.Concurrency"/> callers), then each
/// <see cref="HistoryShape"/> of a synthetic history (<see cref="SyntheticHistory"/>) imported by the import command's
/// own <see cref="BackfillImporter"/> with its default options, into fresh (cold) listeners. Each step's CPU per event
/// is read too (<see cref="ClusterCpu"/>).
/// </summary>
public static class BackfillBenchmark
{
    public static async Task<BackfillResult> RunAsync(BackfillSizes sizes, bool azure, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(log);
        if (azure) sizes = sizes.ForAzure();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("pzn-backfill-").FullName;
        try
        {
            using var owned = new OwnedProcesses();
            var cluster = azure ? await BackfillCluster.StartAzureAsync(owned, log) : await BackfillCluster.StartMemoryAsync(owned, log);
            var cpu = new ClusterCpu(cluster.SiloPids, cluster.StoragePid);
            await using var client = await PerfClient.ConnectAsync(cluster.GatewayPorts, cluster.ClusterId);
            var scenarios = new ClusterScenarios(client.Grains, PerfSizes.Full with { Concurrency = sizes.Concurrency, Sweep = [] }, log);
            await scenarios.GrowCatalogAsync(sizes.Tracks);
            var runId = Guid.NewGuid().ToString("N")[..8];
            var (firstEvents, firstEventsCpu, ingest, ingestCpu) = await IngestAsync(new GrainWorkloads(client.Grains, runId), sizes, $"i{runId}-", cpu, log);

            var imports = new List<ImportRun>();
            foreach (var shape in sizes.Shapes)
            {
                imports.Add(await ImportAsync(client.Grains, shape, sizes.Tracks, $"b{runId}r{shape.RowsPerListener}-", folder, cpu, log));
            }

            return new BackfillResult(cluster.Mode, cluster.GatewayPorts.Count, firstEvents, firstEventsCpu, ingest, ingestCpu, imports, startedAt, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(LoadResult FirstEvents, CpuPerEvent FirstEventsCpu, LoadResult Ingest, CpuPerEvent Cpu)> IngestAsync(
        GrainWorkloads workloads, BackfillSizes sizes, string prefix, ClusterCpu cpu, TextWriter log)
    {
        var tracks = new TrackRange(0, sizes.Tracks);
        using var done = new CancellationTokenSource();
        var next = -1L;
        var firstEvents = workloads.FirstEvents(prefix, sizes.IngestUsers, tracks, () => Interlocked.Increment(ref next), done);
        var activations = cpu.Read();
        var cold = await LoadRunner.RunAsync("ingest-first-event", sizes.Concurrency, TimeSpan.Zero, TimeSpan.FromMinutes(30), firstEvents, done.Token);
        var activationCpu = cpu.Since(activations, sizes.IngestUsers);
        log.WriteLine($"  ingest first event of {sizes.IngestUsers:N0} users (activations) x{cold.Concurrency}: {cold.Throughput:N0}/s, p50 {cold.P50Ms:F3} ms, p99 {cold.P99Ms:F3} ms; CPU µs/event: silos {activationCpu.Silos:F0}, client {activationCpu.Client:F0}, storage {activationCpu.Storage:F0}");

        long calls = 0;
        var ingest = workloads.Ingest(prefix, sizes.IngestUsers, tracks, sizes.Concurrency);
        var before = cpu.Read();
        var warm = await LoadRunner.RunAsync("ingest", sizes.Concurrency, sizes.Warmup, sizes.Duration, (caller, n) =>
        {
            Interlocked.Increment(ref calls);
            return ingest(caller, n);
        });
        var used = cpu.Since(before, calls);
        log.WriteLine($"  ingest x{warm.Concurrency}: {warm.Throughput:N0}/s, p50 {warm.P50Ms:F3} ms, p99 {warm.P99Ms:F3} ms; CPU µs/event: silos {used.Silos:F0}, client {used.Client:F0}, storage {used.Storage:F0}");
        return (cold, activationCpu, warm, used);
    }

    private static async Task<ImportRun> ImportAsync(IClusterClient grains, HistoryShape shape, int tracks, string prefix, string folder, ClusterCpu cpu, TextWriter log)
    {
        var file = Path.Combine(folder, $"{prefix}history.tsv");
        SyntheticHistory.Write(file, prefix, shape, tracks, seed: shape.RowsPerListener);
        var options = new ImportOptions { ProgressEvery = TimeSpan.FromSeconds(10) };
        var importer = new BackfillImporter(grains, new RequestValidator(new ValidationLimits()), options, log);
        var before = cpu.Read();
        var summary = await importer.RunAsync([file], Path.Combine(folder, $"{prefix}checkpoint.json"));
        var used = cpu.Since(before, summary.Rows);
        log.WriteLine($"  import {shape.Name} ({shape.Listeners:N0} listeners): {summary}; CPU µs/event: silos {used.Silos:F0}, client {used.Client:F0}, storage {used.Storage:F0}");
        if (!summary.Finished) throw new InvalidOperationException($"The import of {shape.Name} stopped: {summary.StoppedBecause}");
        return new ImportRun(shape, summary.Rows, summary.Imported, summary.Unreadable + summary.Refused, summary.Listeners, summary.Elapsed.TotalSeconds, summary.EventsPerSecond, used);
    }

    /// <summary>The table printed at the end of a run.</summary>
    public static string Render(BackfillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new System.Text.StringBuilder();
        void Line(FormattableString s) => text.AppendLine(s.ToString(CultureInfo.InvariantCulture));
        static FormattableString Cpu(CpuPerEvent c) => $"{c.Silos:F0} | {c.Client:F0} | {c.Storage:F0}";
        Line($"backfill, {result.Mode} mode, {result.Silos} silo(s), {result.StartedAt:yyyy-MM-dd HH:mm} UTC, {result.TotalSeconds:F0} s");
        Line($"| run | listeners | rows/listener | events | events/s | vs ingest | CPU µs/event: silos | client | Azurite |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Line($"| ingest (warm, 1 event/call, x{result.Ingest.Concurrency}) | | | {result.Ingest.Operations:N0} | {result.Ingest.Throughput:N0} | 1.00 | {Cpu(result.IngestCpu)} |");
        Line($"| ingest-first-event (cold, x{result.FirstEvents.Concurrency}) | | 1 | {result.FirstEvents.Operations:N0} | {result.FirstEvents.Throughput:N0} | {result.FirstEvents.Throughput / Math.Max(1e-9, result.Ingest.Throughput):F2} | {Cpu(result.FirstEventsCpu)} |");
        foreach (var run in result.Imports)
        {
            Line($"| import {run.Shape.Name} (cold) | {run.Listeners:N0} | {run.Shape.RowsPerListener} | {run.Rows:N0} | {run.EventsPerSecond:N0} | {result.VsIngest(run):F2} | {Cpu(run.Cpu)} |");
        }

        return text.ToString();
    }
}
