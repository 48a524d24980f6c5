using System.Diagnostics;
using System.Globalization;
using Personalization.Bench.Durable;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Perf;

/// <summary>
/// <c>perf</c>: starts the silo as a separate process on 127.0.0.1 and drives it through the Orleans client (ping,
/// ingest, recommend, mixed, catalog, memory), then the Redis peer, the durable journal on Azurite and the cost of
/// tracing (two silos, traced and not), each against
/// services it starts and stops itself; writes a table to stdout, a markdown report with a plot, and JSON.
/// </summary>
public static class PerfCommand
{
    public static async Task<PerfResults> RunAsync(PerfArguments options, TextWriter output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var sizes = options.Sizes;
        var results = new PerfResults(sizes, options.Quick);
        var clock = Stopwatch.StartNew();
        using var owned = new OwnedProcesses();
        bool Wants(string scenario) => options.Scenarios.Contains(scenario);

        string[] clusterScenarios = ["ping", "ingest", "recommend", "mixed", "catalog"];
        IEnumerable<int> concurrencies = new[] { sizes.Concurrency }.Concat(sizes.Sweep).Distinct().Order().ToList();
        if (clusterScenarios.Any(Wants))
        {
            var (silo, clusterId) = await StartSiloAsync(owned, new Dictionary<string, string>());
            log.WriteLine($"silo pid {silo.Pid}, gateway 127.0.0.1:{silo.GatewayPort} (log {silo.LogPath})");
            await using (var client = await PerfClient.ConnectAsync(silo.GatewayPort, clusterId))
            {
                var cluster = new ClusterScenarios(client.Grains, sizes, log, silo.Pid);
                if (Wants("ping")) results.Runs.AddRange(await cluster.PingAsync());

                // The smallest catalog sizes are measured before the model grows for the other scenarios.
                var catalogSizes = Wants("catalog") ? sizes.CatalogTracks.Order().ToList() : [];
                foreach (var tracks in catalogSizes.Where(t => t <= sizes.RecommendCatalog)) results.Catalog.Add(await cluster.CatalogAsync(tracks));

                if (Wants("ingest") || Wants("recommend") || Wants("mixed")) await cluster.GrowCatalogAsync(sizes.RecommendCatalog);
                if (Wants("ingest")) results.Runs.AddRange(await cluster.IngestAsync());
                if (Wants("recommend") || Wants("mixed")) await cluster.SeedWarmUsersAsync();
                if (Wants("recommend"))
                {
                    results.Runs.AddRange(await cluster.RecommendAsync());
                    results.SiloRecommend = await SiloMetrics.RecommendationsAsync(silo.HttpPort);
                    if (results.SiloRecommend is { } served) log.WriteLine($"  recommend inside the silo: {served.MeanMs:F3} ms mean over {served.Count:N0} calls");
                }

                if (Wants("mixed")) results.Runs.AddRange(await cluster.MixedAsync());
                foreach (var tracks in catalogSizes.Where(t => t > sizes.RecommendCatalog)) results.Catalog.Add(await cluster.CatalogAsync(tracks));
            }

            owned.Stop(silo);
        }

        if (Wants("memory")) results.Memory.AddRange(await MeasureMemoryAsync(owned, sizes, log));

        if (Wants("peer"))
        {
            var peer = await PeerScenario.RunAsync(sizes, concurrencies, owned, log);
            if (peer is null) results.Skipped["peer"] = "redis-server is not installed (apt-get install redis-server; .ci/run does)";
            else results.Runs.AddRange(peer);
        }

        if (Wants("durable")) await RunDurableAsync(results, owned, log);
        if (Wants("tracing")) results.Runs.AddRange(await TracingScenario.RunAsync(sizes, owned, log));

        results.TotalSeconds = clock.Elapsed.TotalSeconds;
        output.Write(PerfTable.Render(results));
        await PerfMarkdown.WriteAsync(options, results);
        log.WriteLine($"wrote {options.ReportPath}");
        if (options.JsonPath is { } json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, PerfJson.Render(results));
            log.WriteLine($"wrote {json}");
        }

        return results;
    }

    /// <summary>
    /// The real silo host as a separate process, configured as an operator would: memory storage, demo seeding off,
    /// diagnostics seeding and forced collections on; its own primary (development clustering). Stopped by its PID with SIGTERM, then SIGKILL.
    /// </summary>
    /// <param name="settings">Further environment (e.g. the tracing scenario's <c>Personalization__Tracing__*</c>).</param>
    internal static async Task<(SiloProcess Silo, string ClusterId)> StartSiloAsync(OwnedProcesses owned, IReadOnlyDictionary<string, string> settings)
    {
        var ports = SiloPorts.Free();
        var clusterId = $"perf-{ports.Silo}";
        var environment = new Dictionary<string, string>(settings)
        {
            ["Personalization__Silo__ClusterId"] = clusterId,
            ["Personalization__Silo__PrimarySiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Silo__Storage"] = "Memory",
            ["Personalization__Diagnostics__AllowSeeding"] = "true",
            ["Personalization__Diagnostics__AllowForcedCollection"] = "true", // memory readings after a full collection
            ["Personalization__Auth__UseDevelopmentKey"] = "true", // the co-hosted HTTP API is not used by the benchmark
        };
        var silo = owned.Add(SiloProcess.Start(environment, ports, gracefulStop: true));
        await silo.WaitForGatewayAsync(TimeSpan.FromSeconds(60));
        return (silo, clusterId);
    }

    /// <summary>
    /// Heap per active listener, on a silo of its own: on the silo of the other scenarios the reading would include
    /// whatever the model (the 1M-track catalogue phase) still grows or releases meanwhile (6.8–8.2 KB per listener for
    /// one build, against 8.5 KB on a fresh silo in the same session).
    /// </summary>
    private static async Task<IReadOnlyList<MemoryReading>> MeasureMemoryAsync(OwnedProcesses owned, PerfSizes sizes, TextWriter log)
    {
        var (silo, clusterId) = await StartSiloAsync(owned, new Dictionary<string, string>());
        log.WriteLine($"memory: silo pid {silo.Pid}, gateway 127.0.0.1:{silo.GatewayPort} (log {silo.LogPath})");
        IReadOnlyList<MemoryReading> readings;
        await using (var client = await PerfClient.ConnectAsync(silo.GatewayPort, clusterId))
        {
            var cluster = new ClusterScenarios(client.Grains, sizes, log, silo.Pid);

            // Listeners' histories draw from the model's catalogue: without one every event would be the same track, a
            // far smaller state than a real listener's (5.9 KB against 10.2 KB per user). Its names are interned here,
            // before the first heap reading, so they are not charged to the users.
            await cluster.GrowCatalogAsync(sizes.RecommendCatalog);
            readings = await cluster.MemoryAsync();
        }

        owned.Stop(silo);
        return readings;
    }

    private static async Task RunDurableAsync(PerfResults results, OwnedProcesses owned, TextWriter log)
    {
        AzuriteProcess azurite;
        try
        {
            azurite = owned.Add(await AzuriteProcess.StartAsync());
        }
        catch (InvalidOperationException ex)
        {
            results.Skipped["durable"] = $"Azurite did not start ({ex.Message}; run npm ci in tools/azurite)";
            return;
        }

        var sizes = results.Sizes;
        results.Durable = await DurableBenchmark.RunAsync(
            azurite.ConnectionString, azurite.Pid, sizes.DurableDuration, sizes.DurableUsers, sizes.DurableConcurrency, new Dictionary<string, string?>(), log);
        owned.Stop(azurite);
    }
}
