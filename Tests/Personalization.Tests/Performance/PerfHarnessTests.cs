using System.Text.Json;
using Personalization.Bench.Perf;

namespace Personalization.Tests.Performance;

/// <summary>
/// Smoke test of <c>Bench -- perf</c> at tiny sizes: a real silo process, the Orleans client, Redis and Azurite
/// when present. Asserts that every scenario runs without errors and that the JSON carries every key the issue names —
/// never how fast anything is (the machine is shared).
/// </summary>
[Trait("Category", "Performance")]
[Trait("Requires", "Azurite")]
[Trait("Requires", "Processes")]
[Trait("Requires", "Redis")]
[Collection(PerformanceCollection.Name)]
public sealed class PerfHarnessTests
{
    private static readonly PerfSizes Tiny = PerfSizes.Quick with
    {
        Concurrency = 8,
        Sweep = [2],
        Warmup = TimeSpan.FromSeconds(0.2),
        Duration = TimeSpan.FromSeconds(0.6),
        IngestUsers = 300,
        WarmUsers = 100,
        RecommendCatalog = 3_000,
        MemoryUsers = [300],
        CatalogTracks = [1_000, 4_000],
        CatalogUsers = 50,
        CatalogConcurrency = 2,
        DurableDuration = TimeSpan.FromSeconds(1),
        DurableUsers = 50,
        DurableConcurrency = 16,
    };

    [Fact]
    public async Task The_harness_runs_every_scenario_and_writes_every_key()
    {
        var folder = Directory.CreateTempSubdirectory("pzn-perf-").FullName;
        var json = Path.Combine(folder, "perf.json");
        var options = new PerfArguments(Tiny, Quick: true, json, Path.Combine(folder, "perf.md"), new HashSet<string>(PerfArguments.AllScenarios));
        var stdout = new StringWriter();

        var results = await PerfCommand.RunAsync(options, stdout, TextWriter.Null);

        foreach (var scenario in new[] { "ping", "ingest", "recommend", "mixed" })
        {
            var runs = results.Runs.Where(r => r.Scenario == scenario).ToList();
            Assert.Equal(2, runs.Count); // headline and sweep concurrency
            Assert.All(runs, r => Assert.True(r.Operations > 0 && r.Errors == 0, $"{scenario} x{r.Concurrency}: {r.Operations} ops, {r.Errors} errors ({r.FirstError})"));
            Assert.All(runs, r => Assert.True(r.P50Ms > 0 && r.P50Ms <= r.P99Ms && r.P99Ms <= r.P999Ms, $"{scenario}: percentiles out of order"));
        }

        foreach (var scenario in new[] { "tracing-ingest-off", "tracing-ingest-on", "tracing-recommend-off", "tracing-recommend-on" })
        {
            var runs = results.Runs.Where(r => r.Scenario == scenario).ToList();
            Assert.Equal(TracingScenario.Rounds, runs.Count);
            Assert.All(runs, r => Assert.True(r.Operations > 0 && r.Errors == 0, $"{scenario}: {r.Operations} ops, {r.Errors} errors ({r.FirstError})"));
            Assert.All(runs, r => Assert.True(r.SiloCpuMicroseconds > 0, $"{scenario}: the silo's CPU per operation was not read"));
        }

        Assert.Equal([1_000, 4_000], results.Catalog.Select(c => c.Tracks));
        Assert.All(results.Catalog, c => Assert.True(c.Result.Operations > 0 && c.Result.Errors == 0));
        var memory = Assert.Single(results.Memory);
        Assert.True(memory.ActiveUserGrains >= 300, $"{memory.ActiveUserGrains} user grains active after activating 300");
        Assert.True(memory.BytesPerUser > 0, "activating users must grow the silo's heap");

        RequireOrSkipped(results, "peer", RedisServerProcess.FindExecutable() is not null, results.Headline("peer") is not null);
        RequireOrSkipped(results, "durable", Environment.GetEnvironmentVariable("PERSONALIZATION_TEST_AZURE") is not null, results.Durable is not null);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        var ratios = root.GetProperty("ratios");
        foreach (var key in new[] { "ingest_vs_ping", "recommend_vs_ping", "durable_vs_raw_upsert", "orleans_vs_redis_peer" }) Assert.True(ratios.TryGetProperty(key, out _), key);
        foreach (var key in new[] { "recommend_p99_ms", "bytes_per_user", "catalog_latency_1m_vs_10k", "storage_tx_per_event" }) Assert.True(root.TryGetProperty(key, out _), key);
        foreach (var key in new[] { "ingest_vs_ping", "recommend_vs_ping", "traced_vs_untraced_ingest", "traced_vs_untraced_recommend" }) Assert.Equal(JsonValueKind.Number, ratios.GetProperty(key).ValueKind);
        foreach (var key in new[] { "recommend_p99_ms", "bytes_per_user", "catalog_latency_1m_vs_10k" }) Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        Assert.Equal(results.Durable is null ? JsonValueKind.Null : JsonValueKind.Number, ratios.GetProperty("durable_vs_raw_upsert").ValueKind);
        Assert.Equal(results.Headline("peer") is null ? JsonValueKind.Null : JsonValueKind.Number, ratios.GetProperty("orleans_vs_redis_peer").ValueKind);

        Assert.Contains("| ping | 8 |", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("perf.svg", await File.ReadAllTextAsync(Path.Combine(folder, "perf.md")), StringComparison.Ordinal);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(Path.Combine(folder, "perf.svg")), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Where the service exists the scenario must have run; where it does not, the run says why it skipped it.</summary>
    private static void RequireOrSkipped(PerfResults results, string scenario, bool serviceAvailable, bool measured)
    {
        if (serviceAvailable) Assert.True(measured, $"{scenario} should have run: {results.Skipped.GetValueOrDefault(scenario)}");
        else Assert.True(measured || results.Skipped.ContainsKey(scenario), $"{scenario} neither ran nor was marked skipped");
    }
}
