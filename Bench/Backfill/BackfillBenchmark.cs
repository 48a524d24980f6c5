using System.Diagnostics;
using System.Globalization;
using Personalization.Abstractions;
using Personalization.Bench.Perf;
using Personalization.Import;

namespace Personalization.Bench.Backfill;

/// <summary>
/// <c>Bench -- backfill</c>: in one run against the same silo process(es), the perf harness's <c>ingest</c> scenario
/// (<see cref="ClusterScenarios.IngestAsync"/>: one event per call, warm listeners, <see cref="BackfillSizes.Concurrency"/>
/// callers), then each <see cref="HistoryShape"/> of a synthetic history (<see cref="SyntheticHistory"/>) imported
/// by the import command's own <see cref="BackfillImporter"/> with its default options, into fresh (cold) listeners.
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
            await using var client = await PerfClient.ConnectAsync(cluster.GatewayPorts, cluster.ClusterId);
            var perfSizes = PerfSizes.Full with
            {
                Concurrency = sizes.Concurrency,
                Sweep = [],
                Warmup = sizes.Warmup,
                Duration = sizes.Duration,
                IngestUsers = sizes.IngestUsers,
            };
            var scenarios = new ClusterScenarios(client.Grains, perfSizes, log);
            await scenarios.GrowCatalogAsync(sizes.Tracks);
            var ingest = await scenarios.IngestAsync();
            var firstEvents = ingest.Single(r => r.Scenario == "ingest-first-event");
            var warm = ingest.Single(r => r.Scenario == "ingest");

            var runId = Guid.NewGuid().ToString("N")[..8];
            var imports = new List<ImportRun>();
            foreach (var shape in sizes.Shapes)
            {
                imports.Add(await ImportAsync(client.Grains, shape, sizes.Tracks, $"b{runId}r{shape.RowsPerListener}-", folder, log));
            }

            return new BackfillResult(cluster.Mode, cluster.GatewayPorts.Count, firstEvents, warm, imports, startedAt, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ImportRun> ImportAsync(IClusterClient grains, HistoryShape shape, int tracks, string prefix, string folder, TextWriter log)
    {
        var file = Path.Combine(folder, $"{prefix}history.tsv");
        SyntheticHistory.Write(file, prefix, shape, tracks, seed: shape.RowsPerListener);
        var options = new ImportOptions { ProgressEvery = TimeSpan.FromSeconds(10) };
        var importer = new BackfillImporter(grains, new RequestValidator(new ValidationLimits()), options, log);
        var summary = await importer.RunAsync([file], Path.Combine(folder, $"{prefix}checkpoint.json"));
        log.WriteLine($"  import {shape.Name} ({shape.Listeners:N0} listeners): {summary}");
        if (!summary.Finished) throw new InvalidOperationException($"The import of {shape.Name} stopped: {summary.StoppedBecause}");
        return new ImportRun(shape, summary.Rows, summary.Imported, summary.Unreadable + summary.Refused, summary.Listeners, summary.Elapsed.TotalSeconds, summary.EventsPerSecond);
    }

    /// <summary>The table printed at the end of a run.</summary>
    public static string Render(BackfillResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new System.Text.StringBuilder();
        void Line(FormattableString s) => text.AppendLine(s.ToString(CultureInfo.InvariantCulture));
        Line($"backfill, {result.Mode} mode, {result.Silos} silo(s), {result.StartedAt:yyyy-MM-dd HH:mm} UTC, {result.TotalSeconds:F0} s");
        Line($"| run | listeners | rows/listener | events | events/s | vs ingest |");
        Line($"|---|---:|---:|---:|---:|---:|");
        Line($"| ingest (warm, 1 event/call, x{result.Ingest.Concurrency}) | | | {result.Ingest.Operations:N0} | {result.Ingest.Throughput:N0} | 1.00 |");
        Line($"| ingest-first-event (cold, x{result.FirstEvents.Concurrency}) | | 1 | {result.FirstEvents.Operations:N0} | {result.FirstEvents.Throughput:N0} | {result.FirstEvents.Throughput / Math.Max(1e-9, result.Ingest.Throughput):F2} |");
        foreach (var run in result.Imports)
        {
            Line($"| import {run.Shape.Name} (cold) | {run.Listeners:N0} | {run.Shape.RowsPerListener} | {run.Rows:N0} | {run.EventsPerSecond:N0} | {result.VsIngest(run):F2} |");
        }

        return text.ToString();
    }
}
